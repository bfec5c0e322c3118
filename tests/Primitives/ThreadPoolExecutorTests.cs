using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Weave.Primitives.Tests;

public sealed class ThreadPoolExecutorTests
{
    [Fact]
    public void Submit_RunsTheFunctionAndItsFutureHoldsTheResult()
    {
        using var executor = new ThreadPoolExecutor(2);
        Future<int> future = executor.Submit(() => 6 * 7);
        Assert.Equal(42, future.Result(TimeSpan.FromSeconds(30)));
        Future action = executor.Submit(() => { });
        action.Result(TimeSpan.FromSeconds(30));
        Assert.Equal(FutureState.Finished, action.State);
    }

    [Fact]
    public void Submit_WhenTheWorkThrows_TheFutureHoldsTheException()
    {
        using var executor = new ThreadPoolExecutor(1);
        Future<int> future = executor.Submit<int>(() => throw new FormatException("in the work"));
        var error = Assert.Throws<FormatException>(() => future.Result(TimeSpan.FromSeconds(30)));
        Assert.Equal("in the work", error.Message);
    }

    [Fact]
    public void Constructor_DefaultsAndBadValues()
    {
        Assert.Equal(Math.Min(32, Environment.ProcessorCount + 4), new ThreadPoolExecutor().MaxWorkers);
        Assert.Equal("maxWorkers", Assert.Throws<ArgumentOutOfRangeException>(() => new ThreadPoolExecutor(0)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ThreadPoolExecutor(-1));
    }

    [Fact]
    public void Threads_AreNamedWithThePrefix()
    {
        string? name = null;
        using (var named = new ThreadPoolExecutor(1, threadNamePrefix: "spider"))
        {
            named.Submit(() => name = WorkerThread.Current!.Name).Result();
        }

        Assert.Equal("spider_0", name);
        using var unnamed = new ThreadPoolExecutor(1);
        Assert.Matches(new Regex(@"^ThreadPoolExecutor-\d+_0$"), unnamed.Submit(() => WorkerThread.Current!.Name).Result());
    }

    [Fact]
    public void Saturation_NeverMoreThreadsThanMaxWorkers_AndWorkWaitsForAFreeOne()
    {
        using var executor = new ThreadPoolExecutor(3);
        var release = new Event();
        int running = 0;
        int maxRunning = 0;
        var futures = Enumerable.Range(0, 9).Select(_ => executor.Submit(() =>
        {
            int now = Interlocked.Increment(ref running);
            lock (release)
            {
                maxRunning = Math.Max(maxRunning, now);
            }

            release.Wait();
            Interlocked.Decrement(ref running);
        })).ToList();
        Eventually.Equal(3, () => Volatile.Read(ref running), "three running");
        Assert.Equal(3, executor.ThreadCount);
        Assert.Equal(6, futures.Count(f => f.State == FutureState.Pending));
        release.Set();
        Futures.Wait(futures);
        Assert.Equal(3, maxRunning);
        Assert.Equal(3, executor.ThreadCount);
    }

    [Fact]
    public void IdleThreads_AreReused()
    {
        using var executor = new ThreadPoolExecutor(5);
        for (int i = 0; i < 10; i++)
        {
            executor.Submit(() => i).Result();
            Eventually.True(() => executor.ToString().Contains("threads=1/", StringComparison.Ordinal), "still one thread");
        }

        Assert.Equal(1, executor.ThreadCount);
    }

    [Fact]
    public void Initializer_ThatThrows_BreaksThePool()
    {
        using var executor = new ThreadPoolExecutor(2, initializer: () => throw new FormatException("init failed"));
        var futures = new List<Future<int>>();
        for (int i = 0; i < 5; i++)
        {
            try
            {
                futures.Add(executor.Submit(() => i));
            }
            catch (BrokenExecutorException)
            {
                // The pool broke while we were still submitting: later submits refuse, as they should.
            }
        }

        Assert.NotEmpty(futures); // The first submit always precedes the first initializer.
        foreach (Future<int> future in futures)
        {
            var error = Assert.Throws<BrokenExecutorException>(() => future.Result(TimeSpan.FromSeconds(30)));
            Assert.IsType<FormatException>(error.InnerException);
        }

        Eventually.True(() =>
        {
            try
            {
                executor.Submit(() => 1);
                return false;
            }
            catch (BrokenExecutorException)
            {
                return true;
            }
        }, "later submits throw BrokenExecutorException");
    }

    [Fact]
    public void Initializer_RunsOncePerThreadBeforeItsWork()
    {
        int initialized = 0;
        using var executor = new ThreadPoolExecutor(1, initializer: () => Interlocked.Increment(ref initialized));
        Assert.Equal(1, executor.Submit(() => Volatile.Read(ref initialized)).Result());
        Assert.Equal(1, executor.Submit(() => Volatile.Read(ref initialized)).Result());
    }

    [Fact]
    public void Submit_AfterShutdown_Throws()
    {
        var executor = new ThreadPoolExecutor(1);
        executor.Shutdown();
        var error = Assert.Throws<InvalidOperationException>(() => executor.Submit(() => 1));
        Assert.Equal("cannot schedule new futures after shutdown", error.Message);
        Assert.Throws<InvalidOperationException>(() => executor.Map(x => x, [1]));
        executor.Shutdown(); // Idempotent.
        executor.Dispose();
    }

    [Fact]
    public void Dispose_WaitsForQueuedWork()
    {
        int done = 0;
        using (var executor = new ThreadPoolExecutor(2))
        {
            for (int i = 0; i < 20; i++)
            {
                executor.Submit(() => Interlocked.Increment(ref done));
            }
        }

        Assert.Equal(20, done);
    }

    [Fact]
    public void Shutdown_WithCancelFutures_CancelsQueuedWorkAndLetsRunningWorkFinish()
    {
        var executor = new ThreadPoolExecutor(1);
        var started = new Event();
        var release = new Event();
        Future<int> running = executor.Submit(() =>
        {
            started.Set();
            release.Wait();
            return 1;
        });
        var queued = Enumerable.Range(0, 5).Select(i => executor.Submit(() => i)).ToList();
        started.Wait();
        var shutdown = new Bunch(1, _ => executor.Shutdown(wait: true, cancelFutures: true));
        Eventually.True(() => queued.All(f => f.IsCancelled), "the queued futures are cancelled");
        release.Set();
        shutdown.WaitForFinished();
        Assert.Equal(1, running.Result());
    }

    [Fact]
    public void Shutdown_WithoutWait_ReturnsAtOnceAndQueuedWorkStillCompletes()
    {
        var executor = new ThreadPoolExecutor(1);
        var release = new Event();
        Future<int> first = executor.Submit(() =>
        {
            release.Wait();
            return 1;
        });
        Future<int> second = executor.Submit(() => 2);
        Timing.AssertImmediate(Timing.Measure(() => executor.Shutdown(wait: false)));
        release.Set();
        Assert.Equal(1, first.Result(TimeSpan.FromSeconds(30)));
        Assert.Equal(2, second.Result(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void Shutdown_FromAWorker_DoesNotDeadlock()
    {
        var executor = new ThreadPoolExecutor(1);
        executor.Submit(() => executor.Shutdown(wait: true)).Result(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void Map_YieldsResultsInInputOrder()
    {
        using var executor = new ThreadPoolExecutor(4);
        int[] results = [.. executor.Map(x =>
        {
            Thread.Yield();
            return x * x;
        }, Enumerable.Range(0, 50))];
        Assert.Equal(Enumerable.Range(0, 50).Select(x => x * x), results);
        Assert.Empty(executor.Map(x => x, Array.Empty<int>()));
    }

    [Fact]
    public void Map_SubmitsEverythingWhenCalled()
    {
        // bpo-11777: map() submitted nothing until the first next().
        using var executor = new ThreadPoolExecutor(2);
        int ran = 0;
        IEnumerable<int> results = executor.Map(x => Interlocked.Increment(ref ran), Enumerable.Range(0, 5));
        Eventually.Equal(5, () => Volatile.Read(ref ran), "every call ran without iterating");
        Assert.Equal(5, results.Count());
    }

    [Fact]
    public void Map_WhenACallThrows_TheExceptionSurfacesAtItsPositionAndTheRestAreCancelled()
    {
        using var executor = new ThreadPoolExecutor(1);
        var gate = new Event();
        var seen = new List<int>();
        var ranAfter = new ConcurrentBag<int>();
        IEnumerable<int> results = executor.Map(x =>
        {
            if (x == 2)
            {
                throw new FormatException("two");
            }

            if (x > 2)
            {
                gate.Wait();
                ranAfter.Add(x);
            }

            return x;
        }, Enumerable.Range(0, 6));
        var error = Assert.Throws<FormatException>(() =>
        {
            foreach (int r in results)
            {
                seen.Add(r);
            }
        });
        Assert.Equal("two", error.Message);
        Assert.Equal([0, 1], seen);
        gate.Set();
        executor.Shutdown();
        Assert.True(ranAfter.Count <= 1, "at most the call already running when the error surfaced ran; the rest were cancelled");
    }

    [Fact]
    public void Map_WithTimeout_ThrowsFromTheIterationAndCancelsTheAwaitedAndRemainingCalls()
    {
        // gh-95166: the awaited future was not cancelled when the timeout hit.
        using var executor = new ThreadPoolExecutor(1);
        var gate = new Event();
        var started = new ConcurrentBag<int>();
        IEnumerable<int> results = executor.Map(x =>
        {
            started.Add(x);
            gate.Wait();
            return x;
        }, Enumerable.Range(0, 4), TimeSpan.FromMilliseconds(100));
        TimeSpan elapsed = Timing.Measure(() => Assert.Throws<TimeoutException>(() => results.ToList()));
        Timing.AssertAbout(TimeSpan.FromMilliseconds(100), elapsed);
        gate.Set();
        executor.Shutdown();
        Assert.Equal([0], started); // The running call finished; the others were cancelled.
    }

    [Fact]
    public void Map_WithBadArguments_Throws()
    {
        using var executor = new ThreadPoolExecutor(1);
        Assert.Throws<ArgumentNullException>(() => executor.Map<int, int>(null!, [1]));
        Assert.Throws<ArgumentNullException>(() => executor.Map<int, int>(x => x, null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => executor.Map(x => x, [1], TimeSpan.FromSeconds(-3)));
    }
}
