using System.Collections.Concurrent;

namespace Weave.Primitives.Tests.Faults;

/// <summary>
/// Every family on real threads under a storm of <see cref="Thread.Interrupt"/>s and token cancellations
/// (<see cref="Soak"/>), checking conservation afterwards: every item put is got exactly once, permits are all
/// back, every notification and every future is accounted for, every barrier trip released all its parties,
/// no thread is left stuck. A call that throws ThreadInterruptedException or OperationCanceledException must
/// have had no effect; a signalling call (Release, Put, Set, Notify, SetResult, TaskDone) must never throw.
/// </summary>
public sealed class FaultSoakTests(ITestOutputHelper output)
{
    private static readonly TimeSpan s_short = TimeSpan.FromMilliseconds(1);

    [Fact]
    public void BoundedFifoQueue_FourProducersFourConsumers_LosesAndDuplicatesNothing()
    {
        var queue = new FifoQueue<long>(4);
        var put = new ConcurrentBag<long>();
        var got = new ConcurrentBag<long>();
        long next = 0;
        Soak.Run(8, (worker, soak) =>
        {
            while (!soak.Stopping)
            {
                try
                {
                    if (worker < 4)
                    {
                        long id = Interlocked.Increment(ref next);
                        if (queue.TryPut(id, s_short, soak.Token(worker)))
                        {
                            put.Add(id);
                        }
                    }
                    else if (queue.TryGet(out long id, s_short, soak.Token(worker)))
                    {
                        got.Add(id);
                        queue.TaskDone(); // Signals joiners: must not throw, even with an interrupt pending.
                    }
                }
                catch (ThreadInterruptedException)
                {
                    // No effect: neither put nor taken.
                }
                catch (OperationCanceledException)
                {
                    // No effect.
                }
            }
        }, output);

        while (queue.TryGet(out long rest))
        {
            got.Add(rest);
            queue.TaskDone();
        }

        Assert.Equal(put.Order(), got.Order());
        Assert.Equal(0, queue.UnfinishedTasks);
        Assert.True(queue.Join(TimeSpan.Zero), "join returns once every item is done");
        output.WriteLine($"{put.Count} items through the queue.");
    }

    [Fact]
    public void SimpleQueue_PutsThatNeverBlock_AlwaysTakeEffect()
    {
        var queue = new SimpleQueue<long>();
        var put = new ConcurrentBag<long>();
        var got = new ConcurrentBag<long>();
        long next = 0;
        Soak.Run(4, (worker, soak) =>
        {
            while (!soak.Stopping)
            {
                if (worker < 2)
                {
                    if (queue.Count > 10_000)
                    {
                        Thread.Yield(); // Let the consumers catch up (an unbounded queue would only grow).
                        continue;
                    }

                    long id = Interlocked.Increment(ref next);
                    queue.Put(id); // Never blocks, so never fails: an interrupt stays pending instead.
                    put.Add(id);
                    continue;
                }

                try
                {
                    if (queue.TryGet(out long id, s_short, soak.Token(worker)))
                    {
                        got.Add(id);
                    }
                }
                catch (ThreadInterruptedException)
                {
                    // No effect.
                }
                catch (OperationCanceledException)
                {
                    // No effect.
                }
            }
        }, output);

        while (queue.TryGet(out long rest))
        {
            got.Add(rest);
        }

        Assert.Equal(put.Order(), got.Order());
    }

    [Theory]
    [InlineData("PrimitiveLock", 1)]
    [InlineData("ReentrantLock", 1)]
    [InlineData("CountingSemaphore", 2)]
    [InlineData("BoundedSemaphore", 2)]
    public void Lock_AcquireReleaseUnderFaults_KeepsMutualExclusionAndEveryPermit(string kind, int permits)
    {
        ILock lk = kind switch
        {
            "PrimitiveLock" => new PrimitiveLock(),
            "ReentrantLock" => new ReentrantLock(),
            "CountingSemaphore" => new CountingSemaphore(permits),
            _ => new BoundedSemaphore(permits),
        };
        int inside = 0, mostInside = 0;
        long entries = 0;
        Soak.Run(4, (worker, soak) =>
        {
            while (!soak.Stopping)
            {
                bool acquired;
                try
                {
                    acquired = lk.Acquire(s_short, soak.Token(worker));
                }
                catch (ThreadInterruptedException)
                {
                    continue; // Not acquired.
                }
                catch (OperationCanceledException)
                {
                    continue; // Not acquired.
                }

                if (!acquired)
                {
                    continue;
                }

                int now = Interlocked.Increment(ref inside);
                Atomic.Max(ref mostInside, now);
                Interlocked.Increment(ref entries);
                Thread.SpinWait(50);
                Interlocked.Decrement(ref inside);
                lk.Release(); // Must not throw: the permit goes back and a waiter is woken, interrupt or not.
            }
        }, output);

        Assert.InRange(mostInside, 1, permits);
        for (int i = 0; i < permits; i++)
        {
            Assert.True(lk.TryAcquire(), $"permit {i + 1} of {permits} is back");
        }

        bool extra = true; // Asked from another thread: a reentrant lock would let its owner in again.
        var other = new Thread(() => extra = lk.TryAcquire());
        other.Start();
        other.Join();
        Assert.False(extra, "no permit was created either");
        output.WriteLine($"{entries} entries.");
    }

    [Fact]
    public void Condition_NotifyUnderFaults_LosesNoNotification()
    {
        var condition = new Condition(new PrimitiveLock());
        int available = 0;
        long produced = 0, consumed = 0;
        Soak.Run(4, (worker, soak) =>
        {
            while (!soak.Stopping)
            {
                if (!AcquireOrGiveUp(condition, soak.Token(worker)))
                {
                    continue;
                }

                try
                {
                    if (worker < 2)
                    {
                        available++;
                        produced++;
                        condition.Notify(); // Must not throw.
                    }
                    else
                    {
                        try
                        {
                            while (available == 0 && condition.Wait(s_short, soak.Token(worker)))
                            {
                            }
                        }
                        catch (ThreadInterruptedException)
                        {
                            // The lock is held again; nothing was consumed.
                        }
                        catch (OperationCanceledException)
                        {
                            // Likewise.
                        }

                        if (available > 0)
                        {
                            available--;
                            consumed++;
                        }
                    }
                }
                finally
                {
                    condition.Release();
                }
            }
        }, output);

        Assert.Equal(produced, consumed + available);
    }

    [Fact]
    public void Event_SetUnderFaults_WakesEveryWaiter()
    {
        var evt = new Event();
        long woken = 0;
        Soak.Run(4, (worker, soak) =>
        {
            while (!soak.Stopping)
            {
                try
                {
                    if (worker == 0)
                    {
                        evt.Set(); // Must not throw.
                        evt.Clear();
                    }
                    else if (evt.Wait(s_short, soak.Token(worker)))
                    {
                        Interlocked.Increment(ref woken);
                    }
                }
                catch (ThreadInterruptedException)
                {
                    // No effect.
                }
                catch (OperationCanceledException)
                {
                    // No effect.
                }
            }
        }, output);

        evt.Set();
        var waiters = new Bunch(3, _ => WaitUninterruptibly(evt));
        waiters.WaitForFinished(); // Nobody stuck on a set event.
        output.WriteLine($"{woken} wake-ups.");
    }

    [Fact]
    public void CyclicBarrier_InterruptedAndCancelledArrivals_AreWithdrawnSoEveryTripReleasesAllParties()
    {
        const int Parties = 3, Passes = 1_500;
        int trips = 0;
        var barrier = new CyclicBarrier(Parties, () => Interlocked.Increment(ref trips));
        var passes = new int[Parties];
        Soak.Run(Parties, (worker, soak) =>
        {
            while (passes[worker] < Passes)
            {
                try
                {
                    barrier.Wait(soak.Token(worker));
                    passes[worker]++;
                }
                catch (ThreadInterruptedException)
                {
                    // Withdrawn before the trip: try again.
                }
                catch (OperationCanceledException)
                {
                    // Withdrawn before the trip: try again.
                }
            }
        }, output);

        Assert.All(passes, p => Assert.Equal(Passes, p));
        Assert.Equal(Passes, trips); // A phantom arrival would trip a generation with a party missing.
        Assert.False(barrier.IsBroken);
    }

    [Fact]
    public void Future_CompletedUnderFaults_EndsInExactlyOneStateAndWakesItsWaiter()
    {
        var handOff = new SimpleQueue<(Future<long> Future, long Value)>();
        long completed = 0, observed = 0;
        Soak.Run(4, (worker, soak) =>
        {
            long value = 0;
            while (!soak.Stopping)
            {
                if (worker < 2)
                {
                    var future = new Future<long>();
                    handOff.Put((future, ++value));
                    future.SetResult(value); // Must not throw, interrupt pending or not; exactly one outcome.
                    Assert.Throws<InvalidOperationException>(() => future.SetException(new InvalidOperationException("second outcome")));
                    Interlocked.Increment(ref completed);
                    continue;
                }

                try
                {
                    if (handOff.TryGet(out var item, s_short, soak.Token(worker)))
                    {
                        Assert.Equal(item.Value, ResultUninterruptibly(item.Future));
                        Interlocked.Increment(ref observed);
                    }
                }
                catch (ThreadInterruptedException)
                {
                    // No effect.
                }
                catch (OperationCanceledException)
                {
                    // No effect.
                }
            }
        }, output);

        while (handOff.TryGet(out var rest))
        {
            Assert.Equal(rest.Value, ResultUninterruptibly(rest.Future));
            observed++;
        }

        Assert.Equal(completed, observed);
    }

    [Fact]
    public void ThreadPoolExecutor_TasksThatLeaveInterruptsAndInterruptedSubmitters_KeepEveryWorkerAndEveryFuture()
    {
        using var executor = new ThreadPoolExecutor(maxWorkers: 2, threadNamePrefix: "soak-pool");
        int stray = 0;
        EventHandler<WorkerThreadExceptionEventArgs> count = (_, e) =>
        {
            if (e.Thread.Name.StartsWith("soak-pool", StringComparison.Ordinal) && e.Exception is ThreadInterruptedException)
            {
                Interlocked.Increment(ref stray);
            }
        };
        WorkerThread.UnhandledException += count;
        var futures = new ConcurrentBag<Future<int>>();
        int submitted = 0;
        try
        {
            Soak.Run(3, (worker, soak) =>
            {
                int i = 0;
                while (!soak.Stopping && Volatile.Read(ref submitted) < 100_000) // (ConcurrentBag.Count takes a lock: interruptible.)
                {
                    int n = ++i;
                    Interlocked.Increment(ref submitted);
                    futures.Add(executor.Submit(() =>
                    {
                        if (n % 3 == 0)
                        {
                            Thread.CurrentThread.Interrupt(); // The task leaves an interrupt pending on its worker.
                        }

                        return n;
                    }));
                }
            }, output);

            var last = Enumerable.Range(0, 20).Select(i => executor.Submit(() => i)).ToList(); // Workers still serve.
            Assert.All(last.Select((f, i) => (f, i)), p => Assert.Equal(p.i, p.f.Result(TimeSpan.FromSeconds(30))));
            foreach (var future in futures)
            {
                Assert.True(future.Result(TimeSpan.FromSeconds(30)) > 0); // Every future ran to its one outcome.
            }

            Assert.InRange(executor.ThreadCount, 1, 2);
            output.WriteLine($"{futures.Count} futures; {Volatile.Read(ref stray)} stray interrupts cleared by workers.");
        }
        finally
        {
            WorkerThread.UnhandledException -= count;
        }
    }

    private static bool AcquireOrGiveUp(Condition condition, CancellationToken token)
    {
        try
        {
            return condition.Acquire(s_short, token);
        }
        catch (ThreadInterruptedException)
        {
            return false;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static void WaitUninterruptibly(Event evt)
    {
        while (true)
        {
            try
            {
                Assert.True(evt.Wait());
                return;
            }
            catch (ThreadInterruptedException)
            {
                // A stray interrupt from the soak; wait again.
            }
        }
    }

    private static long ResultUninterruptibly(Future<long> future)
    {
        while (true)
        {
            try
            {
                return future.Result();
            }
            catch (ThreadInterruptedException)
            {
                // Waiting has no effect; wait again.
            }
        }
    }
}
