using System.Diagnostics;
using Weave.Harness;

namespace Weave.SystematicTests.SeededBugs;

/// <summary>One technique's outcome on one seeded bug: found (null: not applicable), the table cell, the time, the schedule.</summary>
internal sealed record TechniqueResult(bool? Found, string Text, TimeSpan? Elapsed, string? Schedule)
{
    public static TechniqueResult NotApplicable(string text) => new(null, text, null, null);
}

/// <summary>
/// Runs one seeded bug under each technique and says what happened, in the words of the bug-finding
/// table: shared by tests/Systematic's report and <c>weave hunt</c>.
/// </summary>
internal static class Techniques
{
    /// <summary>Coyote with <paramref name="options"/> on <paramref name="scenario"/>, recorded under <paramref name="name"/>.</summary>
    public static TechniqueResult Systematically(SeededBug bug, Action scenario, string name, SystematicOptions options)
    {
        if (bug.FairStrategiesOnly && options.Strategy == SystematicStrategy.Prioritization)
        {
            return TechniqueResult.NotApplicable("n/a (spins)");
        }

        SystematicReport report = Systematic.Explore(scenario, bug.WithFaults(options), name);
        return report.BugFound
            ? new TechniqueResult(true, $"found @ {report.IterationOfFirstBug} ({report.Elapsed.TotalMilliseconds:0} ms)", report.Elapsed, report.ScheduleFile)
            : new TechniqueResult(false, $"missed in {report.Iterations} ({report.Elapsed.TotalMilliseconds:0} ms)", report.Elapsed, null);
    }

    /// <summary>Real-thread stress: <paramref name="rounds"/> rounds, 1 ms timeouts, a 2 s hang watchdog; for an interrupt
    /// bug, a seeded interrupter hits the scenario's threads at random moments.</summary>
    public static TechniqueResult Stressed(SeededBug bug, int rounds)
    {
        if (bug.Faults == SeededFault.Cancellation)
        {
            return TechniqueResult.NotApplicable("n/a (no cancellations on real threads)");
        }

        (bool found, int round, TimeSpan elapsed, string? what) = Stress.Hunt(bug.Buggy, rounds, TimeSpan.FromSeconds(2), interrupts: bug.Faults == SeededFault.Interrupts);
        return found
            ? new TechniqueResult(true, $"found @ round {round}: {what} ({elapsed.TotalMilliseconds:0} ms)", elapsed, null)
            : new TechniqueResult(false, $"missed in {round} ({elapsed.TotalMilliseconds:0} ms)", elapsed, null);
    }

    /// <summary>
    /// Generated scenarios checked for linearizability, under Coyote and under stress, for a bug that
    /// breaks linearizability ("—" for the others). The Coyote time includes the scenarios before the find.
    /// </summary>
    /// <param name="bug">The seeded bug.</param>
    /// <param name="stressOptions">The stress run's options.</param>
    /// <param name="coyoteOptions">The Coyote runs' options.</param>
    /// <param name="seed">The scenario generator's seed.</param>
    /// <param name="name">When given, the Coyote schedules are recorded under "<paramref name="name"/>-scenario{k}" so that they replay (weave replay).</param>
    public static TechniqueResult[] FromScenarios(SeededBug bug, StressOptions stressOptions, SystematicOptions coyoteOptions, ulong seed, string? name = null)
    {
        if (LinearizabilitySpecs.All.FirstOrDefault(b => b.Name == bug.Name) is not { } target)
        {
            return [TechniqueResult.NotApplicable("—"), TechniqueResult.NotApplicable("—")];
        }

        var clock = Stopwatch.StartNew();
        SystematicReport? coyote = target.Target(true).Explore(coyoteOptions, LinearizabilitySpecs.CoyoteScenarios, seed, name);
        TimeSpan coyoteTime = clock.Elapsed;
        StressReport stress = target.Target(true).Stress(stressOptions with { Shrink = false });
        return
        [
            coyote?.BugFound == true
                ? new TechniqueResult(true, $"found ({coyoteTime.TotalMilliseconds:0} ms)", coyoteTime, coyote.ScheduleFile)
                : new TechniqueResult(false, $"missed ({coyoteTime.TotalMilliseconds:0} ms)", coyoteTime, null),
            stress.ViolationFound
                ? new TechniqueResult(true, $"found @ round {stress.RoundOfFirstViolation} ({stress.Elapsed.TotalMilliseconds:0} ms)", stress.Elapsed, null)
                : new TechniqueResult(false, $"missed in {stress.Rounds} ({stress.Elapsed.TotalMilliseconds:0} ms)", stress.Elapsed, null),
        ];
    }
}
