using System.Globalization;
using System.Text;
using Weave.Harness;

namespace Weave.SystematicTests.SeededBugs;

/// <summary>
/// Runs the whole catalog with each technique and writes the bug-finding report
/// (artifacts/bug-finding-report.md, also printed): per bug and technique, whether it was found,
/// the iteration (or stress round) that found it, and the time taken. Runs alone, for clean timings.
/// </summary>
[Collection(nameof(BugFindingReportTests))]
[CollectionDefinition(nameof(BugFindingReportTests), DisableParallelization = true)]
public sealed class BugFindingReportTests(ITestOutputHelper output)
{
    private const int IterationsPerStrategy = 300;
    private const int StressRounds = 300;

    private static readonly SystematicStrategy[] s_strategies =
    [
        SystematicStrategy.Random,
        SystematicStrategy.Probabilistic,
        SystematicStrategy.Prioritization,
        SystematicStrategy.QLearning,
    ];

    [Fact]
    public void BugFindingReport_EverySeededBugIsFoundSystematically()
    {
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"| Seeded bug | Modelled on | {string.Join(" | ", s_strategies)} | Stress ({StressRounds} rounds, real threads) | Generated scenarios + linearizability, Coyote | Generated scenarios + linearizability, stress |");
        table.AppendLine($"|---|---|{string.Concat(Enumerable.Repeat("---|", s_strategies.Length))}---|---|---|");
        int scenarioFinds = 0;
        int systematicFinds = 0;
        int stressFinds = 0;
        var missedBySystematic = new List<string>();
        foreach (SeededBug bug in SeededBugCatalog.All)
        {
            var cells = new List<string>();
            bool foundByAny = false;
            foreach (SystematicStrategy strategy in s_strategies)
            {
                if (bug.FairStrategiesOnly && strategy == SystematicStrategy.Prioritization)
                {
                    cells.Add("n/a (spins)");
                    continue;
                }

                SystematicReport report = Systematic.Explore(
                    () => bug.Buggy(SeededBugTests.s_symbolicTimeout),
                    new SystematicOptions { Strategy = strategy, Iterations = IterationsPerStrategy, Seed = 20261125 });
                foundByAny |= report.BugFound;
                cells.Add(report.BugFound
                    ? $"found @ {report.IterationOfFirstBug} ({report.Elapsed.TotalMilliseconds:0} ms)"
                    : $"missed in {report.Iterations}");
            }

            (bool found, int rounds, TimeSpan elapsed, string? what) = Stress.Hunt(bug.Buggy, StressRounds, TimeSpan.FromSeconds(2));
            cells.Add(found ? $"found @ round {rounds}: {what} ({elapsed.TotalMilliseconds:0} ms)" : $"missed in {rounds} ({elapsed.TotalMilliseconds:0} ms)");
            cells.AddRange(ScenarioCells(bug.Name, ref scenarioFinds));
            systematicFinds += foundByAny ? 1 : 0;
            stressFinds += found ? 1 : 0;
            if (!foundByAny)
            {
                missedBySystematic.Add(bug.Name);
            }

            string name = bug.TimeoutOnly ? $"`{bug.Name}` (timeout path)" : $"`{bug.Name}`";
            table.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {bug.ModeledOn} | {string.Join(" | ", cells)} |");
        }

        string markdown = new StringBuilder()
            .AppendLine("# Bug-finding report")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Generated {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores by `dotnet test --project tests/Systematic --filter-class \"*BugFindingReportTests\"`.")
            .AppendLine(CultureInfo.InvariantCulture, $"Systematic exploration (ExploreTimeouts on, seed 20261125, at most {IterationsPerStrategy} iterations per strategy) found {systematicFinds} of {SeededBugCatalog.All.Count} seeded bugs; real-thread stress alone found {stressFinds}. " +
                $"With no bug-specific scenario at all — generated scenarios, each history checked against the primitive's sequential spec — {scenarioFinds} of the {LinearizabilitySpecs.All.Count} bugs that break linearizability were found (— : not a linearizability bug).")
            .AppendLine()
            .Append(table)
            .ToString();
        string directory = Path.Combine(FindRepositoryRoot(), "artifacts");
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "bug-finding-report.md"), markdown);
        output.WriteLine(markdown);
        Console.WriteLine(markdown);

        Assert.True(missedBySystematic.Count == 0, $"Not found by any strategy: {string.Join(", ", missedBySystematic)}");
    }

    // The two scenario back ends, for the bugs that show up as linearizability violations.
    private static string[] ScenarioCells(string name, ref int finds)
    {
        if (LinearizabilitySpecs.All.FirstOrDefault(b => b.Name == name) is not { } bug)
        {
            return ["—", "—"];
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var coyote = bug.Target(true).Explore(LinearizabilitySpecs.CoyoteOptions, LinearizabilitySpecs.CoyoteScenarios, LinearizabilitySpecs.ScenarioSeed);
        var coyoteTime = clock.Elapsed;
        var stress = bug.Target(true).Stress(LinearizabilitySpecs.StressOptions with { Shrink = false });
        finds += coyote?.BugFound == true || stress.ViolationFound ? 1 : 0;
        return
        [
            coyote?.BugFound == true ? $"found ({coyoteTime.TotalMilliseconds:0} ms, scenarios before it included)" : $"missed ({coyoteTime.TotalMilliseconds:0} ms)",
            stress.ViolationFound ? $"found @ round {stress.RoundOfFirstViolation} ({stress.Elapsed.TotalMilliseconds:0} ms)" : $"missed in {stress.Rounds} ({stress.Elapsed.TotalMilliseconds:0} ms)",
        ];
    }

    private static string FindRepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (dir.GetFiles("*.sln").Length > 0)
            {
                return dir.FullName;
            }
        }

        return Path.GetTempPath();
    }
}
