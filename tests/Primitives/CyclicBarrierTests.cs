namespace Weave.Primitives.Tests;

public sealed class CyclicBarrierTests
{
    private const int Parties = 5;

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Constructor_WithPartiesBelowOne_ThrowsArgumentOutOfRange(int parties)
    {
        // gh-121474: Barrier(0) used to be accepted and then hang.
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new CyclicBarrier(parties));
        Assert.Equal("parties", error.ParamName);
    }

    [Fact]
    public void Constructor_WithNegativeTimeout_ThrowsArgumentOutOfRange()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new CyclicBarrier(2, timeout: TimeSpan.FromSeconds(-3)));
        Assert.Equal("timeout", error.ParamName);
    }

    [Fact]
    public void Wait_ReturnsDistinctIndicesInEveryGeneration()
    {
        var barrier = new CyclicBarrier(Parties);
        const int Passes = 10;
        var indices = new int[Passes, Parties];
        new Bunch(Parties, t =>
        {
            for (int pass = 0; pass < Passes; pass++)
            {
                int index = barrier.Wait();
                Interlocked.Increment(ref indices[pass, index]);
            }
        }).WaitForFinished();

        for (int pass = 0; pass < Passes; pass++)
        {
            for (int index = 0; index < Parties; index++)
            {
                Assert.Equal(1, indices[pass, index]);
            }
        }

        Assert.Equal(0, barrier.WaitingCount);
        Assert.False(barrier.IsBroken);
    }

    [Fact]
    public void Wait_KeepsGenerationsApart()
    {
        // lock_tests.py test_barrier: no thread starts pass n+1 before all finished pass n.
        var barrier = new CyclicBarrier(Parties);
        int[] arrivals = new int[20];
        new Bunch(Parties, _ =>
        {
            for (int pass = 0; pass < arrivals.Length; pass++)
            {
                Interlocked.Increment(ref arrivals[pass]);
                barrier.Wait();
                Assert.Equal(Parties, Volatile.Read(ref arrivals[pass]));
                barrier.Wait();
            }
        }).WaitForFinished();
    }

    [Fact]
    public void Action_RunsOncePerTripBeforeAnyoneIsReleased()
    {
        int released = 0;
        var seenByAction = new List<int>(); // Written by one action at a time.
        var barrier = new CyclicBarrier(Parties, () => seenByAction.Add(Volatile.Read(ref released)));
        new Bunch(Parties, _ =>
        {
            for (int pass = 0; pass < 3; pass++)
            {
                barrier.Wait();
                Interlocked.Increment(ref released);
                barrier.Wait(); // Keeps passes apart: every thread counted itself before this trip.
            }
        }).WaitForFinished();

        // Trip 2k releases pass k (nobody of it counted yet); trip 2k+1 follows all of pass k's counts.
        Assert.Equal(new[] { 0, 5, 5, 10, 10, 15 }, seenByAction);
        Assert.Equal(3 * Parties, released);
    }

    [Fact]
    public void Action_RunsInTheThreadWithTheLastIndex()
    {
        int? actionThread = null;
        var barrier = new CyclicBarrier(3, () => actionThread = Environment.CurrentManagedThreadId);
        var lastIndexThread = new int[1];
        new Bunch(3, _ =>
        {
            if (barrier.Wait() == 2)
            {
                lastIndexThread[0] = Environment.CurrentManagedThreadId;
            }
        }).WaitForFinished();
        Assert.Equal(lastIndexThread[0], actionThread);
    }

    [Fact]
    public void Action_Throwing_BreaksTheBarrier_TheActingThreadGetsItsOwnException()
    {
        var barrier = new CyclicBarrier(3, () => throw new FormatException("action failed"));
        var errors = new Exception?[3];
        new Bunch(3, i => errors[i] = Record.Exception(() => barrier.Wait())).WaitForFinished();

        Assert.Single(errors, e => e is FormatException { Message: "action failed" });
        Assert.Equal(2, errors.Count(e => e is BrokenBarrierException));
        Assert.True(barrier.IsBroken);
        Assert.Throws<BrokenBarrierException>(() => barrier.Wait());
    }

    [Fact]
    public void Abort_BreaksTheBarrierForWaitersAndLaterCallers()
    {
        var barrier = new CyclicBarrier(3);
        var errors = new Exception?[2];
        var bunch = new Bunch(2, i => errors[i] = Record.Exception(() => barrier.Wait()));
        Eventually.Equal(2, () => barrier.WaitingCount, "threads waiting at the barrier");
        barrier.Abort();
        bunch.WaitForFinished();
        Assert.All(errors, e => Assert.IsType<BrokenBarrierException>(e));
        Assert.True(barrier.IsBroken);
        Assert.Throws<BrokenBarrierException>(() => barrier.Wait());
    }

    [Fact]
    public void Reset_BreaksCurrentWaitersAndLeavesTheBarrierUsable()
    {
        var barrier = new CyclicBarrier(3);
        var errors = new Exception?[2];
        var bunch = new Bunch(2, i => errors[i] = Record.Exception(() => barrier.Wait()));
        Eventually.Equal(2, () => barrier.WaitingCount, "threads waiting at the barrier");
        barrier.Reset();
        bunch.WaitForFinished();
        Assert.All(errors, e => Assert.IsType<BrokenBarrierException>(e));
        Assert.False(barrier.IsBroken);
        Assert.Equal(0, barrier.WaitingCount);

        var indices = new int[3];
        new Bunch(3, i => indices[i] = barrier.Wait()).WaitForFinished();
        Assert.Equal(new[] { 0, 1, 2 }, indices.Order().ToArray());
    }

    [Fact]
    public void Reset_RepairsAnAbortedBarrier()
    {
        var barrier = new CyclicBarrier(2);
        barrier.Abort();
        Assert.True(barrier.IsBroken);
        barrier.Reset();
        Assert.False(barrier.IsBroken);
        new Bunch(2, _ => barrier.Wait()).WaitForFinished();
    }

    [Fact]
    public void Wait_TimingOut_BreaksTheBarrierForEveryone()
    {
        var barrier = new CyclicBarrier(3);
        Exception? other = null;
        var bunch = new Bunch(1, _ => other = Record.Exception(() => barrier.Wait()));
        Eventually.Equal(1, () => barrier.WaitingCount, "one thread waiting");
        TimeSpan elapsed = Timing.Measure(() =>
            Assert.Throws<BrokenBarrierException>(() => barrier.Wait(TimeSpan.FromMilliseconds(100))));
        Timing.AssertAbout(TimeSpan.FromMilliseconds(100), elapsed);
        bunch.WaitForFinished();
        Assert.IsType<BrokenBarrierException>(other);
        Assert.True(barrier.IsBroken);
    }

    [Fact]
    public void Wait_UsesTheConstructorTimeoutByDefault()
    {
        var barrier = new CyclicBarrier(2, timeout: TimeSpan.FromMilliseconds(100));
        TimeSpan elapsed = Timing.Measure(() => Assert.Throws<BrokenBarrierException>(() => barrier.Wait()));
        Timing.AssertAbout(TimeSpan.FromMilliseconds(100), elapsed);
        Assert.True(barrier.IsBroken);
    }

    [Fact]
    public void Wait_WithOneParty_ReturnsZeroEveryTime()
    {
        int actions = 0;
        var barrier = new CyclicBarrier(1, () => actions++);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(0, barrier.Wait());
        }

        Assert.Equal(3, actions);
        Assert.Equal("<CyclicBarrier waiters=0/1>", barrier.ToString());
    }

    [Fact]
    public void Wait_CancelledBeforeTheTrip_WithdrawsTheArrivalAndIndicesStayDistinct()
    {
        var barrier = new CyclicBarrier(3);
        using var cts = new CancellationTokenSource();
        Exception? cancelled = null;
        var victim = new Bunch(1, _ => cancelled = Record.Exception(() => barrier.Wait(cts.Token)));
        Eventually.Equal(1, () => barrier.WaitingCount, "the victim waits");
        int first = -1;
        var early = new Bunch(1, _ => first = barrier.Wait());
        Eventually.Equal(2, () => barrier.WaitingCount, "two threads wait");

        cts.Cancel();
        victim.WaitForFinished();
        Assert.IsAssignableFrom<OperationCanceledException>(cancelled);
        Assert.Equal(1, barrier.WaitingCount); // Withdrawn, and the barrier is not broken.
        Assert.False(barrier.IsBroken);

        var late = new int[2];
        new Bunch(2, i => late[i] = barrier.Wait()).WaitForFinished();
        early.WaitForFinished();
        Assert.Equal(new[] { 0, 1, 2 }, late.Append(first).Order().ToArray());
    }

    [Fact]
    public void Wait_InterruptedBeforeTheTrip_WithdrawsTheArrival()
    {
        var barrier = new CyclicBarrier(2);
        Exception? interrupted = null;
        var victim = new Bunch(1, _ => interrupted = Record.Exception(() => barrier.Wait()));
        Eventually.Equal(1, () => barrier.WaitingCount, "the victim waits");
        victim.Threads[0].Interrupt();
        victim.WaitForFinished();
        Assert.IsType<ThreadInterruptedException>(interrupted);
        Assert.Equal(0, barrier.WaitingCount);
        Assert.False(barrier.IsBroken);
        new Bunch(2, _ => barrier.Wait()).WaitForFinished();
    }

    [Fact]
    public void Reset_DuringTheAction_BreaksThatGeneration()
    {
        var actionStarted = new Event();
        var resumeAction = new Event();
        var barrier = new CyclicBarrier(2, () =>
        {
            actionStarted.Set();
            resumeAction.Wait();
        });
        var errors = new Exception?[2];
        var bunch = new Bunch(2, i => errors[i] = Record.Exception(() => barrier.Wait()));
        actionStarted.Wait();
        barrier.Reset();
        resumeAction.Set();
        bunch.WaitForFinished();
        Assert.All(errors, e => Assert.IsType<BrokenBarrierException>(e));
        Assert.False(barrier.IsBroken);
    }

    [Fact]
    public void Properties_ReportPartiesWaitersAndBrokenState()
    {
        var barrier = new CyclicBarrier(3);
        Assert.Equal(3, barrier.Parties);
        var bunch = new Bunch(2, _ => barrier.Wait());
        Eventually.Equal(2, () => barrier.WaitingCount, "two threads waiting");
        Assert.Equal("<CyclicBarrier waiters=2/3>", barrier.ToString());
        barrier.Wait();
        bunch.WaitForFinished();
        barrier.Abort();
        Assert.Equal("<CyclicBarrier broken>", barrier.ToString());
    }
}
