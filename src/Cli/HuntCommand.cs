using System.ComponentModel;
using System.Globalization;
using System.Text;
using Spectre.Console;
using Spectre.Console.Cli;
using Weave.Harness;
using Weave.SystematicTests.SeededBugs;

namespace Weave.Cli;

/// <summary>
/// <c>weave hunt</c>: runs the seeded-bug catalog (buggy variants of Weave's primitives, each
/// modelled on a real bug) with each technique — Coyote strategies, real-thread stress, and
/// generated scenarios checked for linearizability — and prints and writes the bug-finding table.
/// </summary>
internal sealed class HuntCommand : Command<HuntCommand.Settings>
{
    private static readonly TimeSpan s_symbolicTimeout = TimeSpan.FromSeconds(1);

    public sealed class Settings : CommandSettings
    {
        [CommandOption("--catalog <NAME>")]
        [Description("Which catalog: seeded (buggy variants of Weave's own primitives, the default), field (real bugs in published NuGet packages, each against its buggy and its fixed version; needs the source checkout), or all.")]
        public string Catalog { get; init; } = "seeded";

        [CommandOption("--strategy <NAME>")]
        [Description("A Coyote strategy to run (repeatable): Random, Probabilistic, Prioritization, FairPrioritization, QLearning, Portfolio. Default: Random and Prioritization.")]
        public string[] Strategies { get; init; } = [];

        [CommandOption("--iterations <N>")]
        [Description("Coyote iterations per strategy and bug (default 100 for the seeded catalog, 1000 for the field catalog).")]
        public int? IterationsOption { get; init; }

        /// <summary>The iterations for the seeded catalog.</summary>
        public int Iterations => IterationsOption ?? 100;

        /// <summary>The iterations for the field catalog (each version runs in its own process).</summary>
        public int FieldIterations => IterationsOption ?? 1000;

        [CommandOption("--parallel <N>")]
        [Description("Coyote engines exploring each strategy's iterations at once (SystematicOptions.Parallelism; default: the core count). With Random the finds are the same for every N; see docs/systematic-testing.md.")]
        public int? ParallelOption { get; init; }

        /// <summary>Engines per exploration.</summary>
        public int Parallel => ParallelOption ?? Environment.ProcessorCount;

        [CommandOption("--stress-rounds <N>")]
        [Description("Real-thread stress rounds per bug; 0 skips stress (default 100).")]
        public int StressRounds { get; init; } = 100;

        [CommandOption("--bug <NAME>")]
        [Description("Only this seeded bug (repeatable). Default: the whole catalog.")]
        public string[] Bugs { get; init; } = [];

        [CommandOption("--no-scenarios")]
        [Description("Skip generated scenarios + linearizability.")]
        public bool NoScenarios { get; init; }

        [CommandOption("--seed <N>")]
        [Description("Seed for every technique (default 20261125).")]
        public uint Seed { get; init; } = 20261125;

        [CommandOption("--out <DIR>")]
        [Description("Where the table (bug-finding.md), the chart (bug-finding.png) and schedules go. Default: artifacts/hunt.")]
        public string? Out { get; init; }

        public override ValidationResult Validate()
        {
            if (Catalog is not ("seeded" or "field" or "all"))
            {
                return ValidationResult.Error($"--catalog must be seeded, field or all (got '{Catalog}').");
            }

            if (IterationsOption is < 1)
            {
                return ValidationResult.Error($"--iterations must be at least 1 (got {IterationsOption}).");
            }

            if (ParallelOption is < 1)
            {
                return ValidationResult.Error($"--parallel must be at least 1 (got {ParallelOption}).");
            }

            if (StressRounds < 0)
            {
                return ValidationResult.Error($"--stress-rounds must be 0 or more (got {StressRounds}).");
            }

            foreach (string name in Strategies)
            {
                if (!Enum.TryParse<SystematicStrategy>(name, ignoreCase: true, out _))
                {
                    return ValidationResult.Error($"Unknown strategy '{name}'. Known: {string.Join(", ", Enum.GetNames<SystematicStrategy>())}.");
                }
            }

            foreach (string name in Bugs)
            {
                bool seeded = SeededBugCatalog.All.Any(b => b.Name == name);
                bool field = FieldBugCatalog.All.Any(b => b.Name == name);
                if (Catalog == "seeded" ? !seeded : Catalog == "field" ? !field : !(seeded || field))
                {
                    var known = (Catalog == "field" ? [] : SeededBugCatalog.All.Select(b => b.Name))
                        .Concat(Catalog == "seeded" ? [] : FieldBugCatalog.All.Select(b => b.Name));
                    return ValidationResult.Error($"Unknown {(Catalog == "all" ? "" : Catalog + " ")}bug '{name}'. Known: {string.Join(", ", known)}.");
                }
            }

            return ValidationResult.Success();
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        SystematicStrategy[] strategies = settings.Strategies.Length == 0
            ? [SystematicStrategy.Random, SystematicStrategy.Prioritization]
            : [.. settings.Strategies.Select(s => Enum.Parse<SystematicStrategy>(s, ignoreCase: true)).Distinct()];
        string output = Path.GetFullPath(settings.Out ?? Repository.Artifacts("hunt"));
        int seeded = settings.Catalog == "field" ? ExitCodes.Ok : HuntSeeded(settings, strategies, output, cancellationToken);
        if (settings.Catalog == "seeded" || seeded == ExitCodes.BadInput)
        {
            return seeded;
        }

        int field = FieldHunt.Run(settings, strategies, output, cancellationToken);
        return field == ExitCodes.BadInput ? field : Math.Max(seeded, field);
    }

    private static int HuntSeeded(Settings settings, SystematicStrategy[] strategies, string output, CancellationToken cancellationToken)
    {
        SeededBug[] bugs = [.. SeededBugCatalog.All.Where(b => settings.Bugs.Length == 0 || settings.Bugs.Contains(b.Name))];
        if (bugs.Length == 0)
        {
            return ExitCodes.Ok; // --bug named only field bugs (catalog all)
        }

        Directory.CreateDirectory(output);
        var columns = strategies.Select(s => s.ToString()).ToList();
        if (settings.StressRounds > 0)
        {
            columns.Add($"Stress ({settings.StressRounds} rounds)");
        }

        if (!settings.NoScenarios)
        {
            columns.Add("Scenarios + linearizability, Coyote");
            columns.Add("Scenarios + linearizability, stress");
        }

        var rows = new List<HuntRow>();
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(progress =>
            {
                ProgressTask task = progress.AddTask("Hunting seeded bugs", maxValue: bugs.Length * columns.Count);
                foreach (SeededBug bug in bugs)
                {
                    task.Description = bug.Name;
                    var cells = new List<TechniqueResult>();
                    foreach (SystematicStrategy strategy in strategies)
                    {
                        var options = new SystematicOptions
                        {
                            Strategy = strategy,
                            Iterations = settings.Iterations,
                            Seed = settings.Seed,
                            Parallelism = settings.Parallel,
                            TraceDirectory = Path.Combine(output, "schedules"),
                        };
                        cells.Add(Techniques.Systematically(bug, Scenario(bug), bug.Name, options));
                        task.Increment(1);
                    }

                    if (settings.StressRounds > 0)
                    {
                        cells.Add(Techniques.Stressed(bug, settings.StressRounds));
                        task.Increment(1);
                    }

                    if (!settings.NoScenarios)
                    {
                        cells.AddRange(Techniques.FromScenarios(
                            bug,
                            LinearizabilitySpecs.StressOptions with { Rounds = 300, Seed = settings.Seed, HtmlDirectory = Path.Combine(output, "linearizability") },
                            LinearizabilitySpecs.CoyoteOptions with { Seed = settings.Seed, Parallelism = settings.Parallel, TraceDirectory = Path.Combine(output, "schedules") },
                            settings.Seed,
                            ScenarioName(bug, settings.Seed)));
                        task.Increment(2);
                    }

                    rows.Add(new HuntRow(bug, cells, columns));
                    cancellationToken.ThrowIfCancellationRequested();
                }
            });

        Print(rows, columns);
        string markdown = Path.Combine(output, "bug-finding.md");
        File.WriteAllText(markdown, Markdown(rows, columns, strategies, settings));
        string chart = Path.Combine(output, "bug-finding.png");
        HuntChart.Write(chart, rows);
        int found = rows.Count(r => r.Found);
        // Plain lines, never wrapped: paths and commands must paste as printed.
        Console.Out.WriteLine($"{found} of {rows.Count} seeded bugs found.");
        Console.Out.WriteLine($"Table: {markdown}");
        Console.Out.WriteLine($"Chart: {chart}");
        if (rows.SelectMany(r => r.Cells).FirstOrDefault(c => c.Schedule is not null) is { Schedule: string schedule })
        {
            Console.Out.WriteLine("Replay a find step by step:");
            Console.Out.WriteLine($"  {CommandLine.Weave("replay", Path.GetFullPath(schedule))}");
        }

        return found == rows.Count ? ExitCodes.Ok : ExitCodes.Finding;
    }

    /// <summary>
    /// The scenario Coyote explores for <paramref name="bug"/>. Built here so that its schedule files
    /// name this class: <see cref="ReplayCommand"/> recognises them and replays them in this process.
    /// </summary>
    internal static Action Scenario(SeededBug bug) => () => bug.Buggy(s_symbolicTimeout);

    /// <summary>The name under which hunt records the generated-scenario schedules of <paramref name="bug"/>
    /// ("hunt-&lt;bug&gt;-seed&lt;seed&gt;", then "-scenario&lt;k&gt;"): <see cref="ReplayCommand"/> parses it back.</summary>
    internal static string ScenarioName(SeededBug bug, ulong seed) => $"hunt-{bug.Name}-seed{seed}";

    private static void Print(List<HuntRow> rows, List<string> columns)
    {
        // The full table needs room; on a narrow or redirected console each bug gets one plain line (no
        // word broken in two): the technique that found it first, and how many did.
        if (Console.IsOutputRedirected || AnsiConsole.Profile.Width < 160)
        {
            int width = rows.Max(r => r.Bug.Name.Length);
            foreach (HuntRow row in rows)
            {
                string verdict = row.First is { } first
                    ? $"found first by {first.Column}: {first.Cell.Text}; {row.Cells.Count(c => c.Found == true)} of {row.Cells.Count(c => c.Found is not null)} techniques found it"
                    : $"MISSED by every technique ({row.Cells.Count(c => c.Found is not null)})";
                Console.Out.WriteLine($"{(row.Found ? "found " : "MISSED")} {row.Bug.Name.PadRight(width)}  {verdict}");
            }

            return;
        }

        var table = new Table().Border(TableBorder.Rounded).Title("Bug-finding table");
        table.AddColumn("Seeded bug");
        foreach (string column in columns)
        {
            table.AddColumn(Markup.Escape(column));
        }

        foreach (HuntRow row in rows)
        {
            table.AddRow([Markup.Escape(row.Bug.Name), .. row.Cells.Select(c => c.Found switch
            {
                true => $"[green]{Markup.Escape(c.Text)}[/]",
                false => $"[red]{Markup.Escape(c.Text)}[/]",
                null => $"[grey]{Markup.Escape(c.Text)}[/]",
            })]);
        }

        AnsiConsole.Write(table);
    }

    private static string Markdown(List<HuntRow> rows, List<string> columns, SystematicStrategy[] strategies, Settings settings)
    {
        var text = new StringBuilder();
        text.AppendLine("# Bug-finding table (weave hunt)").AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores; Coyote strategies {string.Join(", ", strategies)} with at most {settings.Iterations} iterations each on {settings.Parallel} engine(s) (ExploreTimeouts on), seed {settings.Seed}. {rows.Count(r => r.Found)} of {rows.Count} seeded bugs found.");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"| Seeded bug | Modelled on | Found first by | {string.Join(" | ", columns)} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"|---|---|---|{string.Concat(Enumerable.Repeat("---|", columns.Count))}");
        foreach (HuntRow row in rows)
        {
            string first = row.First is { } f ? f.Column : "**missed**";
            text.AppendLine(CultureInfo.InvariantCulture, $"| `{row.Bug.Name}` | {row.Bug.ModeledOn} | {first} | {string.Join(" | ", row.Cells.Select(c => c.Text))} |");
        }

        return text.ToString();
    }
}
