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

            // The worker says it is idle just after the result is set (as CPython's does); a Submit in between would
            // rightly start a second thread, so wait for the announcement, then the next Submit must reuse it.
            Eventually.Equal(1, () => executor.IdleWorkers, "the worker idle");
            Assert.Equal(1, executor.ThreadCount);
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
    public void Map_ShutdownCancellingFutures_CancelsTheCallsNotStarted()
    {
        var executor = new ThreadPoolExecutor(1);
        var gate = new Event();
        var started = new ConcurrentBag<int>();
        IEnumerable<int> results = executor.Map(x =>
        {
            started.Add(x);
            gate.Wait();
            return x;
        }, Enumerable.Range(0, 5));
        Eventually.Equal(1, () => started.Count, "the first call started");

        executor.Shutdown(wait: false, cancelFutures: true);
        gate.Set();
        using IEnumerator<int> iteration = results.GetEnumerator();

        Assert.True(iteration.MoveNext());
        Assert.Equal(0, iteration.Current); // The running call finished.
        Assert.Throws<OperationCanceledException>(() => iteration.MoveNext()); // The next was cancelled, as Python's CancelledError.
        executor.Shutdown(wait: true);
        Assert.Equal([0], started);
    }

    [Fact]
    public void Map_WhenThePoolBreaks_TheIterationThrowsBrokenExecutor()
    {
        using var executor = new ThreadPoolExecutor(2, initializer: () => throw new FormatException("init failed"));

        IEnumerable<int> results;
        try
        {
            results = executor.Map(x => x, Enumerable.Range(0, 100));
        }
        catch (BrokenExecutorException)
        {
            return; // Broke before the map was scheduled: refused at once, as a submit would be.
        }

        var error = Assert.Throws<BrokenExecutorException>(() => results.ToList());
        Assert.IsType<FormatException>(error.InnerException);
    }

    [Fact]
    public void Map_StoppingTheIterationEarly_CancelsTheCallsNotStarted()
    {
        using var executor = new ThreadPoolExecutor(1);
        var release = new Event();
        int ran = 0;
        IEnumerable<int> results = executor.Map(x =>
        {
            Interlocked.Increment(ref ran);
            if (x == 1)
            {
                release.Wait(); // Holds the one worker: nothing after item 1 can start before the iteration stops.
            }

            return x;
        }, Enumerable.Range(0, 1_000));

        int first = results.First(); // Disposing the iteration after one item cancels what has not started.
        release.Set();
        executor.Shutdown(wait: true);

        Assert.Equal(0, first);
        Assert.InRange(Volatile.Read(ref ran), 1, 2); // Item 0, and item 1 if it had started.
    }

    [Fact]
    public void Map_ManyItems_UsesAtMostMaxWorkersThreads_AndKeepsOrderAndExceptionsPerItem()
    {
        using var executor = new ThreadPoolExecutor(3);
        var threads = new ConcurrentDictionary<int, bool>();
        IEnumerable<int> results = executor.Map(x =>
        {
            threads[Environment.CurrentManagedThreadId] = true;
            return x % 997 == 996 ? throw new ThreadInterruptedException($"item {x}") : x * 2;
        }, Enumerable.Range(0, 5_000));

        var seen = new List<int>();
        var error = Assert.Throws<ThreadInterruptedException>(() =>
        {
            foreach (int r in results)
            {
                seen.Add(r);
            }
        });

        Assert.Equal("item 996", error.Message); // An interrupt escaping a call is that call's exception, at its position.
        Assert.Equal(Enumerable.Range(0, 996).Select(x => x * 2), seen);
        Assert.InRange(threads.Count, 1, 3);
        Assert.True(executor.ThreadCount <= 3);
    }

    [Fact]
    public void Map_ACallThatLeavesAnInterruptPending_KeepsTheWorker_AndTheNextSubmitRunsClean()
    {
        using var executor = new ThreadPoolExecutor(1);
        int[] results = [.. executor.Map(x =>
        {
            if (x == 0)
            {
                Thread.CurrentThread.Interrupt(); // Pending: nothing in the calls blocks.
            }

            return x * 2;
        }, [0, 1, 2])];

        // The one worker runs the Submit after the map's runner, which cleared the interrupt when it was done.
        int after = executor.Submit(() =>
        {
            Thread.CurrentThread.Join(0); // Throws if an interrupt were still pending.
            return 7;
        }).Result(TimeSpan.FromSeconds(30));

        Assert.Equal([0, 2, 4], results);
        Assert.Equal(7, after);
        Assert.Equal(1, executor.ThreadCount);
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
