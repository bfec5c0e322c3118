namespace Weave.SystematicTests.SeededBugs;

/// <summary>
/// Scenarios for the fault bugs: every thread expects <see cref="ThreadInterruptedException"/> or
/// <see cref="OperationCanceledException"/> from any blocking call and treats the call as not having
/// happened — the contract Weave's primitives keep. Each then checks conservation (an item delivered
/// exactly when its put succeeded, the permits all there, every party through the barrier) or ends in a
/// deadlock when a wake-up was lost. Nothing here interrupts or cancels by itself: with
/// ExploreInterrupts / ExploreCancellation off they are clean on the buggy variants too.
/// </summary>
internal static class FaultScenarios
{
    public static void PutRacingAGetter(IFaultQueue queue, TimeSpan timeout)
    {
        bool put = false;
        int got = -1;
        Run.Threads(
            () =>
            {
                try
                {
                    queue.Put(1);
                    put = true;
                }
                catch (ThreadInterruptedException)
                {
                    // The put says it did not happen.
                }
            },
            () =>
            {
                try
                {
                    got = queue.Get(CancellationToken.None);
                }
                catch (ThreadInterruptedException)
                {
                    // Interrupted while waiting: nothing taken.
                }
            });
        int copies = (got == 1 ? 1 : 0) + (queue.TryGetNow(out int rest) && rest == 1 ? 1 : 0);
        Assert.True(copies == (put ? 1 : 0), $"put {(put ? "returned" : "threw")}, yet the item was delivered {copies} time(s)");
    }

    public static void CancelledGetRacingAPut(IFaultQueue queue, TimeSpan timeout)
    {
        using var source = new CancellationTokenSource();
        int got = -1;
        Run.Threads(
            () =>
            {
                try
                {
                    got = queue.Get(source.Token);
                }
                catch (OperationCanceledException)
                {
                    // Cancelled: nothing taken.
                }
            },
            () => queue.Put(7));
        bool left = queue.TryGetNow(out int rest) && rest == 7;
        Assert.True((got == 7) != left, $"the item was {(got == 7 && left ? "delivered twice" : "lost")} (got {got}, left in the queue: {left})");
    }

    public static void ReleaseToAWaiter(IFaultLock @lock, TimeSpan timeout) =>
        Run.Threads(
            () =>
            {
                try
                {
                    @lock.Acquire();
                }
                catch (ThreadInterruptedException)
                {
                    return; // Not acquired.
                }

                try
                {
                    @lock.Release();
                }
                catch (ThreadInterruptedException)
                {
                    @lock.Release(); // Release threw, so the lock is still ours: give it back.
                }
            },
            () =>
            {
                try
                {
                    @lock.Acquire();
                    @lock.Release();
                }
                catch (ThreadInterruptedException)
                {
                    // Not acquired.
                }
            });

    public static void SetWithAWaiter(IFaultEvent evt, TimeSpan timeout) =>
        Run.Threads(
            () =>
            {
                try
                {
                    evt.Wait();
                }
                catch (ThreadInterruptedException)
                {
                    // Interrupted while waiting.
                }
            },
            () =>
            {
                try
                {
                    evt.Set();
                }
                catch (ThreadInterruptedException)
                {
                    Assert.False(evt.IsSet, "Set threw, yet the event is set");
                    evt.Set();
                }
            });

    public static void NotifyAWaiter(IFaultCondition condition, TimeSpan timeout)
    {
        bool ready = false;
        Run.Threads(
            () =>
            {
                AcquireRetrying(condition);
                try
                {
                    while (!ready)
                    {
                        try
                        {
                            condition.Wait();
                        }
                        catch (ThreadInterruptedException)
                        {
                            // Interrupted while waiting (the lock is held again): look again.
                        }
                    }
                }
                finally
                {
                    condition.Release();
                }
            },
            () =>
            {
                AcquireRetrying(condition);
                try
                {
                    ready = true;
                    condition.Notify();
                }
                finally
                {
                    condition.Release();
                }
            });
    }

    public static void AcquireCancelledAsAPermitArrives(IFaultSemaphore semaphore, TimeSpan timeout)
    {
        using var source = new CancellationTokenSource();
        Run.Threads(
            () =>
            {
                try
                {
                    semaphore.Acquire(source.Token);
                    semaphore.Release();
                }
                catch (OperationCanceledException)
                {
                    // Cancelled: took nothing.
                }
            },
            semaphore.Release);
        Assert.True(semaphore.CurrentCount == 1, $"one permit was released and none kept, yet {semaphore.CurrentCount} remain");
    }

    public static void TwoPartiesRetryingWhenInterrupted(IFaultBarrier barrier, TimeSpan timeout)
    {
        var indices = new int[2];
        Run.Threads(2, party =>
        {
            while (true)
            {
                try
                {
                    indices[party] = barrier.Wait();
                    return;
                }
                catch (ThreadInterruptedException)
                {
                    // Interrupted before the trip: not counted. Try again.
                }
            }
        });
        Assert.True(indices.Order().SequenceEqual([0, 1]), $"arrival indices {indices[0]} and {indices[1]} in one pass");
    }

    public static void CompleteWithAWaiter(IFaultFuture future, TimeSpan timeout) =>
        Run.Threads(
            () =>
            {
                try
                {
                    Assert.Equal(5, future.Result());
                }
                catch (ThreadInterruptedException)
                {
                    // Interrupted while waiting.
                }
            },
            () =>
            {
                try
                {
                    future.SetResult(5);
                }
                catch (ThreadInterruptedException)
                {
                    Assert.False(future.IsDone, "SetResult threw, yet the future is finished");
                    future.SetResult(5);
                }
            });

    public static void TwoTasksOnOneWorker(IFaultExecutor executor, TimeSpan timeout)
    {
        try
        {
            Assert.Equal(1, executor.Submit(() => 1).Result());
            Assert.Equal(2, executor.Submit(() => 2).Result()); // The worker may have been interrupted while idle.
            Assert.Equal(1, executor.ThreadCount);
        }
        finally
        {
            executor.Shutdown();
        }
    }

    private static void AcquireRetrying(IFaultCondition condition)
    {
        while (true)
        {
            try
            {
                condition.Acquire();
                return;
            }
            catch (ThreadInterruptedException)
            {
                // Not acquired: try again.
            }
        }
    }
}
