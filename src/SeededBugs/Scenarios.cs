using Weave.Primitives;

namespace Weave.SystematicTests.SeededBugs;

/// <summary>
/// The catalog's scenarios. Each states its property with an assertion or by completing (a hang is
/// a deadlock under Coyote, a watchdog timeout under stress). The <c>timeout</c> argument is what
/// their timed waits use: symbolic under Coyote (ExploreTimeouts decides), short under stress.
/// </summary>
internal static class Scenarios
{
    // ---- Locks -------------------------------------------------------------------------------

    public static void LockAfterATimedOutAcquire(ILock lk, TimeSpan timeout)
    {
        lk.Acquire();
        Run.Threads(
            () =>
            {
                if (lk.Acquire(timeout))
                {
                    lk.Release();
                }
            },
            lk.Release); // A primitive lock may be released by any thread.
        Assert.True(lk.Acquire(timeout), "the lock is still locked after a timed-out acquire gave up");
    }

    public static void MutualExclusion(ILock lk, TimeSpan timeout)
    {
        int inside = 0;
        Run.Threads(2, _ =>
        {
            for (int i = 0; i < 2; i++)
            {
                lk.Acquire();
                Assert.Equal(1, Interlocked.Increment(ref inside));
                Interlocked.Decrement(ref inside);
                lk.Release();
            }
        });
    }

    public static void NestedMutualExclusion(ILock lk, TimeSpan timeout)
    {
        int inside = 0;
        Run.Threads(2, _ =>
        {
            lk.Acquire();
            lk.Acquire();
            Assert.Equal(1, Interlocked.Increment(ref inside));
            Interlocked.Decrement(ref inside);
            lk.Release();
            lk.Release();
        });
    }

    // ---- Conditions ----------------------------------------------------------------------------

    public static void NotifyAFlag(ICondition c, TimeSpan timeout)
    {
        bool flag = false;
        Run.Threads(
            () =>
            {
                c.Acquire();
                while (!flag)
                {
                    c.Wait();
                }

                c.Release();
            },
            () =>
            {
                c.Acquire();
                flag = true;
                c.Notify();
                c.Release();
            });
    }

    public static void OneNotifyPerToken(ICondition c, TimeSpan timeout)
    {
        int tokens = 0;
        Action consumer = () =>
        {
            c.Acquire();
            while (tokens == 0)
            {
                c.Wait();
            }

            tokens--;
            c.Release();
        };
        Run.Threads(consumer, consumer, () =>
        {
            for (int i = 0; i < 2; i++)
            {
                c.Acquire();
                tokens++;
                c.Notify();
                c.Release();
            }
        });
    }

    public static void WaitHoldingTheLockTwice(ICondition c, TimeSpan timeout)
    {
        bool flag = false;
        Run.Threads(
            () =>
            {
                c.Acquire();
                c.Acquire();
                while (!flag)
                {
                    c.Wait();
                }

                c.Release();
                c.Release();
            },
            () =>
            {
                c.Acquire();
                flag = true;
                c.NotifyAll();
                c.Release();
            });
    }

    public static void CancelRacingANotify(ICondition c, TimeSpan timeout)
    {
        // One token, one notify(1). If the cancellable waiter takes it, it tells the other waiter
        // to stop; if it is cancelled, the notification must reach the other waiter.
        using var cts = new CancellationTokenSource();
        int tokens = 0;
        bool firstGotIt = false;
        Run.Threads(
            () =>
            {
                c.Acquire();
                try
                {
                    while (tokens == 0)
                    {
                        c.Wait(cts.Token);
                    }

                    tokens--;
                    firstGotIt = true;
                    c.NotifyAll();
                }
                catch (OperationCanceledException)
                {
                }
                finally
                {
                    c.Release();
                }
            },
            () =>
            {
                c.Acquire();
                while (tokens == 0 && !firstGotIt)
                {
                    c.Wait();
                }

                c.Release();
            },
            cts.Cancel,
            () =>
            {
                c.Acquire();
                tokens = 1;
                c.Notify();
                c.Release();
            });
    }

    // ---- Semaphores ----------------------------------------------------------------------------

    public static void TwoOverReleases(ISemaphore s, TimeSpan timeout)
    {
        // Bound 2, one permit taken: exactly one of two concurrent releases may succeed.
        Action release = () =>
        {
            try
            {
                s.Release();
            }
            catch (SemaphoreFullException)
            {
            }
        };
        Run.Threads(release, release);
        Assert.True(s.CurrentCount <= 2, $"the count is {s.CurrentCount}, above the bound of 2");
    }

    public static void PermitSurvivesATimedAcquire(ISemaphore s, TimeSpan timeout)
    {
        Run.Threads(
            () =>
            {
                if (s.Acquire(timeout))
                {
                    s.Release();
                }
            },
            () => s.Release());
        Assert.True(s.Acquire(timeout), "the released permit was lost");
    }

    public static void PermitSurvivesACancelledAcquire(ISemaphore s, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource();
        Run.Threads(
            () =>
            {
                try
                {
                    s.Acquire(cts.Token);
                    s.Release();
                }
                catch (OperationCanceledException)
                {
                }
            },
            () => s.Release(),
            cts.Cancel);
        Assert.True(s.Acquire(timeout), "the released permit was lost");
    }

    public static void ReleaseTwoToTwoWaiters(ISemaphore s, TimeSpan timeout) =>
        Run.Threads(
            () => s.Acquire(CancellationToken.None),
            () => s.Acquire(CancellationToken.None),
            () => s.Release(2));

    // ---- Events --------------------------------------------------------------------------------

    public static void SetThenClearWithAWaiter(IEvent e, TimeSpan timeout) =>
        Run.Threads(
            () => Assert.True(e.Wait()),
            () =>
            {
                while (e.WaitingThreads == 0)
                {
                    Thread.Yield(); // Until the waiter is really waiting.
                }

                e.Set();
                e.Clear();
            });

    public static void SetRacingAWait(IEvent e, TimeSpan timeout) =>
        Run.Threads(() => e.Wait(), e.Set);

    // ---- Barriers ------------------------------------------------------------------------------

    public static void TwoPasses(IBarrier b, TimeSpan timeout) =>
        Run.Threads(2, _ =>
        {
            b.Wait();
            b.Wait();
        });

    public static void DistinctIndices(IBarrier b, TimeSpan timeout)
    {
        var indices = new int[3];
        Run.Threads(3, i => indices[i] = b.Wait());
        Assert.Equal([0, 1, 2], indices.Order());
    }

    public static void TimedAndUntimedPartners(IBarrier b, TimeSpan timeout) =>
        Run.Threads(
            () => IgnoreBroken(() => b.Wait(timeout)),
            () => IgnoreBroken(() => b.Wait()));

    // ---- Queues --------------------------------------------------------------------------------

    public static void TwoConsumersOneProducer(IQueue q, TimeSpan timeout) =>
        Run.Threads(() => q.Get(), () => q.Get(), () => { q.Put(1); q.Put(2); });

    public static void TwoProducersTwoConsumersCapacityOne(IQueue q, TimeSpan timeout) =>
        Run.Threads(
            () => { q.Put(1); q.Put(2); },
            () => { q.Put(3); q.Put(4); },
            () => { q.Get(); q.Get(); },
            () => { q.Get(); q.Get(); });

    public static void LowerMaxSizeThenPut(IQueue q, TimeSpan timeout)
    {
        q.Put(1);
        q.Put(2);
        bool lowered = false;
        Run.Threads(
            () =>
            {
                q.MaxSize = 1;
                Volatile.Write(ref lowered, true);
            },
            () =>
            {
                bool wasLowered = Volatile.Read(ref lowered);
                bool put = q.TryPut(3);
                Assert.False(wasLowered && put, "a put succeeded on a queue holding 2 items with maxsize 1");
            });
    }

    public static void TwoConsumersAndAJoiner(IQueue q, TimeSpan timeout)
    {
        q.Put(1);
        q.Put(2);
        Action consumer = () =>
        {
            q.Get();
            q.TaskDone();
        };
        Run.Threads(consumer, consumer, q.Join);
    }

    public static void ConsumerAndJoiner(IQueue q, TimeSpan timeout)
    {
        q.Put(1);
        Run.Threads(() => { q.Get(); q.TaskDone(); }, q.Join);
    }

    public static void ShutdownWithABlockedGetter(IQueue q, TimeSpan timeout) =>
        Run.Threads(
            () =>
            {
                try
                {
                    q.Get();
                }
                catch (QueueShutDownException)
                {
                }
            },
            q.Shutdown);

    public static void TimedGetRacingAPut(IQueue q, TimeSpan timeout)
    {
        int got = 0;
        Run.Threads(
            () =>
            {
                if (q.TryGet(out _, timeout))
                {
                    got++;
                }
            },
            () => q.Put(7));
        Assert.True(got + q.Count == 1, $"the item was lost (taken {got}, left {q.Count})");
    }

    public static void ASurplusTaskDoneRacingAJoin(IQueue q, TimeSpan timeout)
    {
        // A surplus task_done() while nothing is unfinished must be refused; accepted, it takes the
        // count below zero and the next item's put brings it to zero instead of one, so join
        // returns before that item is processed.
        var surplusTried = new Event();
        var itemPut = new Event();
        bool processed = false;
        Run.Threads(
            () =>
            {
                try
                {
                    q.TaskDone();
                }
                catch (InvalidOperationException)
                {
                }

                surplusTried.Set();
            },
            () =>
            {
                surplusTried.Wait();
                q.Put(1);
                itemPut.Set();
            },
            () =>
            {
                q.Get();
                Volatile.Write(ref processed, true);
                q.TaskDone();
            },
            () =>
            {
                itemPut.Wait();
                q.Join();
                Assert.True(Volatile.Read(ref processed), "join returned while an item was still unprocessed");
            });
    }

    // ---- Futures -------------------------------------------------------------------------------

    public static void TwoRacingCompletions(IFutureLike future, TimeSpan timeout)
    {
        int accepted = 0;
        Action complete = () =>
        {
            try
            {
                future.SetResult(Environment.CurrentManagedThreadId);
                Interlocked.Increment(ref accepted);
            }
            catch (InvalidOperationException)
            {
            }
        };
        Run.Threads(complete, complete);
        Assert.Equal(1, accepted);
    }

    public static void MapTimingOutOnQueuedWork(Func<ThreadPoolExecutor, Func<int, int>, int[], TimeSpan, IEnumerable<int>> map, TimeSpan timeout)
    {
        // One worker, held busy by a blocker until another thread opens the gate; map's only call
        // waits in the queue behind it. If the gate opened only after map gave up, the call was still
        // queued when the timeout hit, so it must never run (gh-95166: it was left to run anyway).
        var executor = new ThreadPoolExecutor(1);
        var gate = new Event();
        executor.Submit(() => gate.Wait());
        int ran = 0;
        bool timedOut = false;
        bool gateOpenedAfterTimeout = false;
        Run.Threads(
            () =>
            {
                try
                {
                    map(executor, x => Interlocked.Increment(ref ran), [1], timeout).ToList();
                }
                catch (TimeoutException)
                {
                    Volatile.Write(ref timedOut, true);
                }
            },
            () =>
            {
                gateOpenedAfterTimeout = Volatile.Read(ref timedOut);
                gate.Set(); // At any point: before or after map gives up.
            });
        executor.Shutdown(wait: true);
        if (gateOpenedAfterTimeout)
        {
            Assert.True(ran == 0, "the call map was waiting for still ran after map timed out");
        }
    }

    private static void IgnoreBroken(Action wait)
    {
        try
        {
            wait();
        }
        catch (BrokenBarrierException)
        {
        }
    }
}
