using Weave.Harness;

namespace Weave.SystematicTests.SeededBugs;

/// <summary>Every seeded bug is caught, within its budget, by its technique, and its schedule replays it.</summary>
public sealed class SeededBugTests
{
    /// <summary>The timeout the scenarios' timed waits use under Coyote (symbolic: ExploreTimeouts decides when it passes).</summary>
    internal static readonly TimeSpan s_symbolicTimeout = TimeSpan.FromSeconds(1);

    public static TheoryData<string> Names => [.. SeededBugCatalog.All.Select(b => b.Name)];

    public static TheoryData<string> TimeoutOnlyNames => [.. SeededBugCatalog.All.Where(b => b.TimeoutOnly).Select(b => b.Name)];

    public static TheoryData<string> FaultOnlyNames => [.. SeededBugCatalog.All.Where(b => b.Faults != SeededFault.None).Select(b => b.Name)];

    [Fact]
    public void Catalog_HoldsAtLeastTwentyBugs_IncludingTimeoutOnlyAndFaultOnlyOnes()
    {
        Assert.True(SeededBugCatalog.All.Count >= 20, $"{SeededBugCatalog.All.Count} seeded bugs");
        Assert.True(SeededBugCatalog.All.Count(b => b.TimeoutOnly) >= 3);
        Assert.True(SeededBugCatalog.All.Count(b => b.Faults != SeededFault.None) >= 6);
        Assert.Equal(SeededBugCatalog.All.Count, SeededBugCatalog.All.Select(b => b.Name).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void SeededBug_IsFoundWithinItsBudget_AndItsScheduleReplaysIt(string name)
    {
        SeededBug bug = SeededBugCatalog.Get(name);
        Action test = () => bug.Buggy(s_symbolicTimeout);
        SystematicReport report = Systematic.Explore(test, Options(bug));
        Assert.True(report.BugFound, $"{name} was not found by {bug.Strategy} in {bug.Budget} iterations.");
        Assert.InRange(report.IterationOfFirstBug!.Value, 1, bug.Budget);

        SystematicReport replay = Systematic.Replay(report.ScheduleFile!, test);
        Assert.True(replay.BugFound, $"The schedule of {name} did not reproduce the bug.");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void CorrectTwin_RunningTheSameScenarioOnWeave_HasNoBug(string name)
    {
        SeededBug bug = SeededBugCatalog.Get(name);
        Systematic.Check(() => bug.Correct(s_symbolicTimeout), Options(bug) with { Iterations = 150 });
    }

    [Theory]
    [MemberData(nameof(TimeoutOnlyNames))]
    public void TimeoutOnlyBug_IsMissedWithoutExploreTimeouts(string name)
    {
        SeededBug bug = SeededBugCatalog.Get(name);
        SystematicReport report = Systematic.Explore(() => bug.Buggy(s_symbolicTimeout), Options(bug) with { ExploreTimeouts = false, Iterations = 300 });
        Assert.False(report.BugFound, $"{name} was found without ExploreTimeouts: {report.Bug}");
        Assert.Equal(300, report.Iterations);
    }

    [Theory]
    [MemberData(nameof(FaultOnlyNames))]
    public void FaultOnlyBug_IsMissedWithoutFaultExploration(string name)
    {
        SeededBug bug = SeededBugCatalog.Get(name);
        var options = Options(bug) with { ExploreInterrupts = false, ExploreCancellation = false, Iterations = 300 };
        SystematicReport report = Systematic.Explore(() => bug.Buggy(s_symbolicTimeout), options);
        Assert.False(report.BugFound, $"{name} was found without {bug.Faults} explored: {report.Bug}");
        Assert.Equal(300, report.Iterations);
    }

    internal static SystematicOptions Options(SeededBug bug) =>
        bug.WithFaults(new() { Strategy = bug.Strategy, Iterations = bug.Budget, Seed = 20261125 });
}
