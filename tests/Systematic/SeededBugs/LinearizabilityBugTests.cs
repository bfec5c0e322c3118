namespace Weave.SystematicTests.SeededBugs;

/// <summary>
/// The catalog's linearizability bugs caught with no bug-specific scenario at all: generated scenarios,
/// histories checked against the primitive's sequential spec, under Coyote with a fixed seed. Each correct
/// twin stays clean under Coyote and under stress. Whether real-thread stress finds a bug depends on timing,
/// so it is never asserted: the bug-finding report (and <c>weave hunt</c>) shows those figures. The lost
/// wake-ups among them (<see cref="LinearizabilitySpecs.LostWakeUps"/>) are found only through the quiescent
/// blocking check: a call still blocked when nothing can wake it, in a state where the spec says it would go ahead.
/// </summary>
public sealed class LinearizabilityBugTests(ITestOutputHelper output)
{
    public static readonly TheoryData<string> All = new(LinearizabilitySpecs.All.Select(b => b.Name));

    [Theory]
    [MemberData(nameof(All))]
    public void ScenarioUnderCoyote_FindsTheBug(string name)
    {
        var report = LinearizabilitySpecs.Named(name).Target(true).Explore(LinearizabilitySpecs.CoyoteOptions, LinearizabilitySpecs.CoyoteScenarios, LinearizabilitySpecs.ScenarioSeed);

        output.WriteLine(report?.ToString() ?? "no scenario");
        Assert.True(report?.BugFound, $"{name}: no generated scenario exposed it under Coyote.");
        Assert.Contains("Not linearizable", report!.Bug, StringComparison.Ordinal);
        if (LinearizabilitySpecs.LostWakeUps.Contains(name))
        {
            // The checker names a blocked call only after checking that the history passes with it taken as an
            // ordinary pending call: without the quiescent blocking check, this history is linearizable.
            Assert.Contains("(blocked for good)  <<", report.Bug, StringComparison.Ordinal);
            Assert.Contains("a lost wake-up", report.Bug, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(All))]
    public void CorrectTwin_IsLinearizableUnderCoyoteAndStress(string name)
    {
        var twin = LinearizabilitySpecs.Named(name).Target(false);

        var systematic = twin.Explore(LinearizabilitySpecs.CoyoteOptions, LinearizabilitySpecs.CoyoteScenarios, LinearizabilitySpecs.ScenarioSeed);
        var stress = twin.Stress(LinearizabilitySpecs.StressOptions with { Rounds = 100 });

        Assert.False(systematic?.BugFound, systematic?.ToString());
        Assert.False(stress.ViolationFound, stress.Message);
    }
}
