using Weave.Harness;

namespace Weave.SystematicTests;

/// <summary>
/// ExploreFieldRaces: a race on a plain field, read outside any lock, has no scheduling point between its check
/// and its use, so without the option no interleaving can put a writer there; with it every field access is a
/// scheduler choice. The shape is a circuit breaker's last outcome nulled by a concurrent Reset.
/// </summary>
public sealed class FieldRaceExplorationTests
{
    private static readonly SystematicOptions s_options = new() { Iterations = 1000, Seed = 11 };

    [Fact]
    public void ExploreFieldRaces_FindsACheckThenUseRaceOnAPlainField_AndTheScheduleReplaysIt()
    {
        SystematicReport found = Systematic.Explore(RacyBreakerTest, s_options with { ExploreFieldRaces = true });

        Assert.True(found.BugFound, found.ToString());
        Assert.Contains("NullReferenceException", found.Bug);
        SystematicReport replay = Systematic.Replay(found.ScheduleFile!, RacyBreakerTest);
        Assert.True(replay.BugFound, replay.ToString());
        Assert.Equal(1, replay.Iterations);
        Assert.Contains("\"exploreFieldRaces\": true", File.ReadAllText(found.ScheduleFile!), StringComparison.Ordinal);
    }

    [Fact]
    public void ExploreFieldRaces_Off_CannotInterleaveBetweenTheCheckAndTheUse()
    {
        SystematicReport report = Systematic.Explore(RacyBreakerTest, s_options);

        Assert.False(report.BugFound, report.ToString());
        Assert.Equal(1000, report.Iterations);
    }

    [Fact]
    public void CleanRunWithoutFieldRaces_OnCodeSharingPlainFields_SuggestsTheOption()
    {
        SystematicReport report = Systematic.Explore(RacyBreakerTest, s_options with { Iterations = 50 });

        Assert.False(report.BugFound, report.ToString());
        Assert.NotNull(report.Hint);
        Assert.Contains("read or write plain fields", report.Hint, StringComparison.Ordinal);
        Assert.Contains("ExploreFieldRaces = true (WEAVE_EXPLORE_FIELD_RACES=1)", report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void CleanRunWithoutFieldRaces_UsingOnlyWeavePrimitives_SuggestsNothing()
    {
        // The primitives' own fields are theirs (guarded by their locks); only the test's shared fields count. The
        // queue reaches the threads as their start argument, so the test itself shares no field (a captured local
        // would be one: a closure's field, read by both threads).
        SystematicReport report = Systematic.Explore(() =>
        {
            var queue = new Primitives.FifoQueue<int>(1);
            var producer = new Thread(static q => ((Primitives.FifoQueue<int>)q!).Put(1));
            var consumer = new Thread(static q => ((Primitives.FifoQueue<int>)q!).Get());
            producer.Start(queue);
            consumer.Start(queue);
            producer.Join();
            consumer.Join();
        }, s_options with { Iterations = 50 });

        Assert.False(report.BugFound, report.ToString());
        Assert.Null(report.Hint);
    }

    [Fact]
    public void SuggestFieldRaces_Off_SkipsTheProbe()
    {
        SystematicReport report = Systematic.Explore(RacyBreakerTest, s_options with { Iterations = 50, SuggestFieldRaces = false });

        Assert.Null(report.Hint);
    }

    [Fact]
    public void ExploreFieldRaces_OnTheFixedBreaker_FindsNothing()
    {
        SystematicReport report = Systematic.Explore(FixedBreakerTest, s_options with { ExploreFieldRaces = true });

        Assert.False(report.BugFound, report.ToString());
        Assert.Equal(1000, report.Iterations);
    }

    [Fact]
    public void ExploreFieldRaces_WithWeavePrimitives_StaysWithinTheDefaultStepBound()
    {
        // Weave.Primitives is rewritten too, so its own field accesses become choices; a small queue test must
        // still fit the default MaxSteps (reaching it would be reported as a livelock).
        SystematicReport report = Systematic.Explore(() =>
        {
            var queue = new Primitives.FifoQueue<int>(2);
            Run.Threads(
                () =>
                {
                    for (int i = 0; i < 4; i++)
                    {
                        queue.Put(i);
                    }
                },
                () =>
                {
                    for (int i = 0; i < 4; i++)
                    {
                        Assert.Equal(i, queue.Get());
                    }
                });
        }, s_options with { ExploreFieldRaces = true, Iterations = 200 });

        Assert.False(report.BugFound, report.ToString());
    }

    private static void RacyBreakerTest() => BreakerTest(new Breaker(racy: true));

    private static void FixedBreakerTest() => BreakerTest(new Breaker(racy: false));

    private static void BreakerTest(Breaker breaker)
    {
        breaker.Record(5);
        var resetter = new Thread(breaker.Reset);
        resetter.Start();
        int last = breaker.LastValueOrZero();
        resetter.Join();
        Assert.True(last is 0 or 5, $"last outcome {last}");
    }

    private sealed class Outcome(int value)
    {
        public int Value { get; } = value;
    }

    // Writes under a lock, reads without it. The racy read checks and uses the field with two reads; the fix reads
    // it once into a local.
    private sealed class Breaker(bool racy)
    {
        private readonly object _gate = new();
        private Outcome? _last;

        public void Record(int value)
        {
            lock (_gate)
            {
                _last = new Outcome(value);
            }
        }

        public void Reset()
        {
            lock (_gate)
            {
                _last = null;
            }
        }

        public int LastValueOrZero()
        {
            if (racy)
            {
                return _last is null ? 0 : _last.Value;
            }

            Outcome? last = _last;
            return last is null ? 0 : last.Value;
        }
    }
}
