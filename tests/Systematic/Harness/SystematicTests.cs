using Weave.Harness;
using Weave.Primitives;

namespace Weave.SystematicTests;

/// <summary>The harness itself: what it reports, what it refuses, and how timeouts are explored.</summary>
public sealed class SystematicTests
{
    private static readonly SystematicOptions s_quick = new() { Iterations = 100, Seed = 42 };

    [Fact]
    public void Explore_CleanTest_RunsEveryIterationAndFindsNothing()
    {
        SystematicReport report = Systematic.Explore(() => Run.Threads(() => { }, () => { }), s_quick);
        Assert.False(report.BugFound);
        Assert.Equal(100, report.Iterations);
        Assert.Null(report.ScheduleFile);
        Assert.Null(report.IterationOfFirstBug);
        Assert.Equal("Weave.SystematicTests.SystematicTests.Explore_CleanTest_RunsEveryIterationAndFindsNothing", report.TestName);
        Assert.Equal(42u, report.Seed);
        Assert.Empty(report.UncontrolledInvocations);
    }

    [Fact]
    public void Check_WhenABugIsFound_ThrowsWithTheBugTheScheduleAndTheReplayCommandLast()
    {
        var error = Assert.Throws<SystematicBugException>(() => Systematic.Check(LostUpdate, s_quick));
        SystematicReport report = error.Report;
        Assert.True(report.BugFound);
        Assert.NotNull(report.IterationOfFirstBug);
        Assert.Contains("Assert.Equal() Failure", report.Bug);
        Assert.True(File.Exists(report.ScheduleFile), "the schedule file is written");
        Assert.Contains("Check_WhenABugIsFound", Path.GetFileName(report.ScheduleFile));
        Assert.Contains(report.ScheduleFile!, error.Message);
        Assert.EndsWith(report.ReplayCommand!, error.Message.TrimEnd());
        Assert.Contains($"&& WEAVE_REPLAY={report.ScheduleFile} dotnet test --project tests/Systematic ", report.ReplayCommand);
        Assert.StartsWith("cd ", report.ReplayCommand);
        Assert.EndsWith("--filter-method \"Weave.SystematicTests.SystematicTests.Check_WhenABugIsFound_ThrowsWithTheBugTheScheduleAndTheReplayCommandLast\" --output detailed", report.ReplayCommand);
        Assert.Contains("\"test\": \"Weave.SystematicTests.SystematicTests.Check_WhenABugIsFound", File.ReadAllText(report.ScheduleFile!));
    }

    [Fact]
    public void Replay_ReproducesTheBugInOneIterationWithAReadableInterleaving()
    {
        SystematicReport found = Systematic.Explore(LostUpdate, s_quick);
        Assert.True(found.BugFound);
        for (int i = 0; i < 3; i++)
        {
            SystematicReport replay = Systematic.Replay(found.ScheduleFile!, LostUpdate);
            Assert.True(replay.IsReplay);
            Assert.True(replay.BugFound, "the same bug comes back, every time");
            Assert.Equal(1, replay.Iterations);
            Assert.Contains("Volatile.Write", replay.Interleaving);
            Assert.Contains("SystematicTests.cs:", replay.Interleaving);
            Assert.Contains("Interleaving (step, operation, thread, what, where):", replay.ToString());
        }
    }

    [Fact]
    public void Replay_OfAFixedBug_SaysTheScheduleNoLongerReproducesIt()
    {
        SystematicReport found = Systematic.Explore(LostUpdate, s_quick);
        SystematicReport replay = Systematic.Replay(found.ScheduleFile!, () =>
        {
            // "Fixed": the same threads, now with the update made atomic.
            int counter = 0;
            Run.Threads(() => Interlocked.Increment(ref counter), () => Interlocked.Increment(ref counter));
            Assert.Equal(2, counter);
        });
        Assert.False(replay.BugFound);
        Assert.Contains("no longer reproduces a bug", replay.ToString());
    }

    [Fact]
    public void Explore_Deadlock_IsReportedAsABugWithItsSchedule_NeverAHang()
    {
        SystematicReport report = Systematic.Explore(() =>
        {
            var first = new PrimitiveLock();
            var second = new PrimitiveLock();
            Run.Threads(
                () => { using (first.EnterScope()) { using (second.EnterScope()) { } } },
                () => { using (second.EnterScope()) { using (first.EnterScope()) { } } });
        }, s_quick);
        Assert.True(report.BugFound);
        Assert.Contains("Deadlock", report.Bug);
        Assert.NotNull(report.ScheduleFile);
    }

    [Fact]
    public void Explore_Livelock_IsReportedWhenTheStepBoundIsReached()
    {
        SystematicReport report = Systematic.Explore(() =>
        {
            int flag = 0;
            Run.Threads(() =>
            {
                while (Volatile.Read(ref flag) == 0)
                {
                    Thread.Yield(); // Nobody ever sets the flag.
                }
            });
        }, s_quick with { MaxSteps = 300, Iterations = 2 });
        Assert.True(report.BugFound);
        Assert.Contains("300", report.Bug);
    }

    [Fact]
    public void Explore_TestFromAnAssemblyThatWasNotRewritten_FailsLoudlyWithTheFix()
    {
        Action notRewritten = Console.Out.Flush; // System.Console is never rewritten.
        var error = Assert.Throws<InvalidOperationException>(() => Systematic.Explore(notRewritten, s_quick));
        Assert.Contains("was not rewritten for Coyote", error.Message);
        Assert.Contains("Weave.Harness.targets", error.Message);
    }

    [Fact]
    public void ExploreTimeouts_MakesTimedWaitsTimeOut_AndWithoutItTheyWaitForever()
    {
        // A timed wait whose only way out is its timeout: explored, it times out; under plain
        // Coyote semantics (ExploreTimeouts off) the same test is a deadlock.
        Action test = () =>
        {
            var never = new Event();
            Assert.False(never.Wait(TimeSpan.FromMilliseconds(10)));
        };
        Assert.False(Systematic.Explore(test, s_quick).BugFound);
        SystematicReport without = Systematic.Explore(test, s_quick with { ExploreTimeouts = false, Iterations = 1 });
        Assert.True(without.BugFound);
        Assert.Contains("Deadlock", without.Bug);
    }

    [Fact]
    public void ExploreTimeouts_ExploresBothOutcomesOfARaceBetweenATimeoutAndASignal()
    {
        // The waiter must see a timeout in some interleavings and the signal in others.
        int timedOut = 0;
        int signalled = 0;
        Systematic.Check(() =>
        {
            var evt = new Event();
            bool result = false;
            Run.Threads(() => result = evt.Wait(TimeSpan.FromSeconds(1)), evt.Set);
            Interlocked.Increment(ref result ? ref signalled : ref timedOut);
        }, s_quick);
        Assert.True(timedOut > 0, "some interleaving timed out");
        Assert.True(signalled > 0, "some interleaving was signalled");
    }

    [Fact]
    public void ExploreTimeouts_AppliesToAUsersOwnPrimitiveThatWaitsThroughTimedWait()
    {
        SystematicReport report = Systematic.Explore(() =>
        {
            var latch = new UserLatch();
            Run.Threads(() => Assert.True(latch.Wait(TimeSpan.FromSeconds(1)), "timed out"), latch.Open);
        }, s_quick);
        Assert.True(report.BugFound, "the timeout path of the user's own primitive was explored");
        Assert.Contains("timed out", report.Bug);
    }

    [Fact]
    public async Task Explore_AsyncTest_IsSupported()
    {
        SystematicReport report = Systematic.Explore(async () =>
        {
            int value = 0;
            Task a = Task.Run(() => Interlocked.Increment(ref value));
            Task b = Task.Run(() => Interlocked.Increment(ref value));
            await Task.WhenAll([a, b]);
            Assert.Equal(2, value);
        }, s_quick);
        Assert.False(report.BugFound);
        await Task.CompletedTask;
    }

    [Fact]
    public void Options_TimeBudget_StopsTheExplorationEarly()
    {
        SystematicReport report = Systematic.Explore(() => Run.Threads(() => { }, () => { }),
            s_quick with { Iterations = 1_000_000, TimeBudget = TimeSpan.FromMilliseconds(200) });
        Assert.False(report.BugFound);
        Assert.InRange(report.Iterations, 1, 999_999);
    }

    [Fact]
    public void Options_OutOfRange_AreRefusedNamingTheOption()
    {
        Assert.Equal("Iterations", Assert.Throws<ArgumentOutOfRangeException>(() => Systematic.Explore(() => { }, new SystematicOptions { Iterations = 0 })).ParamName);
        Assert.Equal("MaxSteps", Assert.Throws<ArgumentOutOfRangeException>(() => Systematic.Explore(() => { }, new SystematicOptions { MaxSteps = 0 })).ParamName);
    }

    [Theory]
    [InlineData(SystematicStrategy.Random)]
    [InlineData(SystematicStrategy.Probabilistic)]
    [InlineData(SystematicStrategy.Prioritization)]
    [InlineData(SystematicStrategy.FairPrioritization)]
    [InlineData(SystematicStrategy.QLearning)]
    [InlineData(SystematicStrategy.Portfolio)]
    public void EveryStrategy_FindsALostUpdate(SystematicStrategy strategy)
    {
        SystematicReport report = Systematic.Explore(LostUpdate, s_quick with { Strategy = strategy, Iterations = 300 });
        Assert.True(report.BugFound, $"{strategy} found nothing in 300 iterations");
        Assert.Equal(strategy, report.Strategy);
    }

    internal static void LostUpdate()
    {
        int counter = 0;
        Run.Threads(2, _ =>
        {
            int seen = Volatile.Read(ref counter);
            Volatile.Write(ref counter, seen + 1);
        });
        Assert.Equal(2, counter);
    }

    /// <summary>A user's own primitive: a latch that waits through TimedWait, as users may.</summary>
    private sealed class UserLatch
    {
        private readonly object _sync = new();
        private bool _open;

        public void Open()
        {
            lock (_sync)
            {
                _open = true;
                Monitor.PulseAll(_sync);
            }
        }

        public bool Wait(TimeSpan timeout)
        {
            Deadline deadline = Deadline.After(timeout);
            lock (_sync)
            {
                while (!_open)
                {
                    if (!TimedWait.Wait(_sync, deadline))
                    {
                        return _open;
                    }
                }

                return true;
            }
        }
    }
}
