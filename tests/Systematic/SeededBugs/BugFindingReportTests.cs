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
            var results = new List<TechniqueResult>();
            foreach (SystematicStrategy strategy in s_strategies)
            {
                results.Add(Techniques.Systematically(
                    bug,
                    () => bug.Buggy(SeededBugTests.s_symbolicTimeout),
                    nameof(BugFindingReport_EverySeededBugIsFoundSystematically),
                    new SystematicOptions { Strategy = strategy, Iterations = IterationsPerStrategy, Seed = 20261125, TraceDirectory = s_scratch }));
            }

            bool foundByAny = results.Any(r => r.Found == true);
            TechniqueResult stressed = Techniques.Stressed(bug, StressRounds);
            TechniqueResult[] scenarios = Techniques.FromScenarios(bug, LinearizabilitySpecs.StressOptions, LinearizabilitySpecs.CoyoteOptions, LinearizabilitySpecs.ScenarioSeed);
            results.Add(stressed);
            results.AddRange(scenarios);
            systematicFinds += foundByAny ? 1 : 0;
            stressFinds += stressed.Found == true ? 1 : 0;
            scenarioFinds += scenarios.Any(r => r.Found == true) ? 1 : 0;
            if (!foundByAny)
            {
                missedBySystematic.Add(bug.Name);
            }

            string name = bug.TimeoutOnly ? $"`{bug.Name}` (timeout path)" : $"`{bug.Name}`";
            table.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {bug.ModeledOn} | {string.Join(" | ", results.Select(r => r.Text))} |");
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

        if (Directory.Exists(s_scratch))
        {
            Directory.Delete(s_scratch, recursive: true);
        }

        Assert.True(missedBySystematic.Count == 0, $"Not found by any strategy: {string.Join(", ", missedBySystematic)}");
    }

    // The report's finds are figures, not schedules to replay (they would all name this one test): written to a
    // scratch folder that is deleted. Every bug's own replayable schedule comes from SeededBugTests.
    private static readonly string s_scratch = Path.Combine(Path.GetTempPath(), "weave-report-schedules", Guid.NewGuid().ToString("N")[..8]);

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
