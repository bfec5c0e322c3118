using Weave.Harness;
using Weave.Primitives;

namespace Weave.SystematicTests;

/// <summary>
/// ExploreInterrupts and ExploreCancellation: the scheduler delivers interrupts and cancellations at the
/// blocking points of Weave's primitives (and of a user's own, through the public seam), as replayable
/// choices. Which threads and tokens are targets is part of the contract these tests pin down.
/// </summary>
public sealed class FaultExplorationTests
{
    private static readonly SystematicOptions s_options = new() { Iterations = 200, Seed = 7, ExploreTimeouts = false };

    [Fact]
    public void ExploreInterrupts_InterruptsAWaitingThreadInSomeInterleavingsAndNotInOthers()
    {
        int interrupted = 0, woken = 0;
        Systematic.Check(() =>
        {
            var evt = new Event();
            bool wasInterrupted = false;
            var waiter = new Thread(() =>
            {
                try
                {
                    evt.Wait();
                }
                catch (ThreadInterruptedException)
                {
                    wasInterrupted = true;
                }
            });
            waiter.Start();
            evt.Set();
            waiter.Join();
            Interlocked.Increment(ref wasInterrupted ? ref interrupted : ref woken);
        }, s_options with { ExploreInterrupts = true });

        Assert.True(interrupted > 0, "some interleaving interrupted the waiter");
        Assert.True(woken > 0, "some interleaving let the signal win");
    }

    [Fact]
    public void ExploreInterrupts_Off_NeverInterrupts()
    {
        Systematic.Check(() =>
        {
            var evt = new Event();
            var waiter = new Thread(() => evt.Wait()); // An interrupt would escape: an unhandled exception is a bug.
            waiter.Start();
            evt.Set();
            waiter.Join();
        }, s_options);
    }

    [Fact]
    public void ExploreInterrupts_NeverInterruptsTheTestsOwnThread()
    {
        // Only the test's thread blocks here (on a join and on a queue); an interrupt there would fail the test.
        Systematic.Check(() =>
        {
            var queue = new FifoQueue<int>(1);
            var producer = new Thread(() =>
            {
                try
                {
                    queue.Put(1);
                }
                catch (ThreadInterruptedException)
                {
                    queue.Put(-1); // Interrupted before it took effect: say so with another item.
                }
            });
            producer.Start();
            int item = queue.Get();
            producer.Join();
            Assert.True(item is 1 or -1);
        }, s_options with { ExploreInterrupts = true });
    }

    [Fact]
    public void ExploreCancellation_CancelsTheTokenOfAWaitingCall_AndTheCallHasNoEffect()
    {
        int cancelled = 0, got = 0;
        Systematic.Check(() =>
        {
            var queue = new FifoQueue<int>();
            using var source = new CancellationTokenSource();
            int result = 0;
            var consumer = new Thread(() =>
            {
                try
                {
                    result = queue.Get(source.Token);
                }
                catch (OperationCanceledException)
                {
                    result = -1;
                }
            });
            consumer.Start();
            queue.Put(5);
            consumer.Join();
            if (result == -1)
            {
                Assert.True(source.IsCancellationRequested, "the token's own source was cancelled");
                Assert.Equal(5, queue.GetNoWait()); // A cancelled get took nothing.
                Interlocked.Increment(ref cancelled);
            }
            else
            {
                Assert.Equal(5, result);
                Assert.True(queue.IsEmpty);
                Interlocked.Increment(ref got);
            }
        }, s_options with { ExploreCancellation = true });

        Assert.True(cancelled > 0, "some interleaving cancelled the get");
        Assert.True(got > 0, "some interleaving delivered the item");
    }

    [Fact]
    public void ExploreCancellation_LeavesCallsWithoutATokenAlone()
    {
        Systematic.Check(() =>
        {
            var queue = new FifoQueue<int>();
            var consumer = new Thread(() => Assert.Equal(5, queue.Get()));
            consumer.Start();
            queue.Put(5);
            consumer.Join();
        }, s_options with { ExploreCancellation = true });
    }

    [Fact]
    public void ExploreInterrupts_FindsAUsersPrimitiveThatSignalsUnderAnInterruptibleLock_AndReplaysIt()
    {
        SystematicReport report = Systematic.Explore(UserMailboxTest(new InterruptibleMailbox()), s_options with { ExploreInterrupts = true, Iterations = 1000 });

        Assert.True(report.BugFound, "an interrupt on the contended signalling lock loses the wake-up");
        SystematicReport replay = Systematic.Replay(report.ScheduleFile!, UserMailboxTest(new InterruptibleMailbox()));
        Assert.True(replay.BugFound, "the fault is part of the schedule: the replay delivers it again");
        Assert.Equal(1, replay.Iterations);
    }

    [Fact]
    public void ExploreInterrupts_ACorrectUsersPrimitiveThatSignalsUninterruptibly_IsClean()
    {
        SystematicReport report = Systematic.Explore(UserMailboxTest(new UninterruptibleMailbox()), s_options with { ExploreInterrupts = true, Iterations = 1000 });

        Assert.False(report.BugFound, report.ToString());
    }

    [Fact]
    public void ExploreInterrupts_Off_MissesTheUsersInterruptibleSignallingBug()
    {
        SystematicReport report = Systematic.Explore(UserMailboxTest(new InterruptibleMailbox()), s_options with { Iterations = 1000 });

        Assert.False(report.BugFound, report.ToString());
    }

    [Fact]
    public void FaultsPerIteration_BelowOne_IsRefusedNamingIt()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Systematic.Explore(() => { }, s_options with { FaultsPerIteration = 0 }));
        Assert.Equal("FaultsPerIteration", error.ParamName);
    }

    // A consumer waits for a message; the sender posts one and must be told the truth: if Post throws,
    // nothing was posted. The consumer must always be woken when a message was posted.
    private static Action UserMailboxTest(IMailbox prototype) => () =>
    {
        IMailbox mailbox = prototype.Fresh();
        bool posted = false;
        var sender = new Thread(() =>
        {
            try
            {
                mailbox.Post(42);
                posted = true;
            }
            catch (ThreadInterruptedException)
            {
                // Post says it did not happen.
            }
        });
        var receiver = new Thread(() =>
        {
            try
            {
                mailbox.Receive();
            }
            catch (ThreadInterruptedException)
            {
                // Interrupted while waiting: nothing was taken.
            }
        });
        receiver.Start();
        sender.Start();
        sender.Join();
        if (!posted)
        {
            Assert.False(mailbox.HasMessage, "Post threw, yet the message was posted");
            mailbox.Abort(); // Let the receiver end.
        }

        receiver.Join();
    };

    private interface IMailbox
    {
        bool HasMessage { get; }

        IMailbox Fresh();

        void Post(int message);

        int Receive();

        void Abort();
    }

    /// <summary>A user's primitive with the bug: its signalling lock is entered interruptibly, after the effect.</summary>
    private class InterruptibleMailbox : IMailbox
    {
        protected readonly object Sync = new();
        private int? _message;
        private bool _aborted;
        private int _receivers; // Counted with Interlocked (a scheduling point) while holding Sync, as real primitives do.

        public bool HasMessage
        {
            get
            {
                lock (Sync)
                {
                    return _message is not null;
                }
            }
        }

        public virtual IMailbox Fresh() => new InterruptibleMailbox();

        public void Post(int message)
        {
            lock (Sync)
            {
                _message = message;
            }

            if (Volatile.Read(ref _receivers) > 0)
            {
                Signal(); // Bug: the effect is done, and this may throw.
            }
        }

        public int Receive()
        {
            lock (Sync)
            {
                Interlocked.Increment(ref _receivers);
                try
                {
                    while (_message is null && !_aborted)
                    {
                        TimedWait.Wait(Sync, Timeout.InfiniteTimeSpan);
                    }

                    return _message ?? -1;
                }
                finally
                {
                    Interlocked.Decrement(ref _receivers);
                }
            }
        }

        public void Abort()
        {
            lock (Sync)
            {
                _aborted = true;
                Monitor.PulseAll(Sync);
            }
        }

        protected virtual void Enter() => Interrupts.Enter(Sync);

        private void Signal()
        {
            Enter();
            try
            {
                Monitor.PulseAll(Sync);
            }
            finally
            {
                Monitor.Exit(Sync);
            }
        }
    }

    /// <summary>The fix: the signalling lock is entered uninterruptibly.</summary>
    private sealed class UninterruptibleMailbox : InterruptibleMailbox
    {
        public override IMailbox Fresh() => new UninterruptibleMailbox();

        protected override void Enter() => Interrupts.EnterUninterruptibly(Sync);
    }
}
