using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Spectre.Console;
using Weave.Harness;
using Weave.SystematicTests.SeededBugs;

namespace Weave.Cli;

/// <summary>
/// <c>weave hunt --catalog field</c>: runs every field-catalog entry (src/FieldCatalog) against its buggy and its
/// fixed package version with each Coyote strategy and with real-thread stress, in one process per run (two
/// versions of a package cannot share a process), and prints the table: each bug must be found in the buggy
/// version and the fixed version must stay clean at the same budget.
/// </summary>
internal static class FieldHunt
{
    private static readonly TimeSpan s_runTimeout = TimeSpan.FromMinutes(10);

    /// <summary>One entry's row: per column, the buggy version's result and the fixed version's.</summary>
    internal sealed record Row(FieldBug Bug, List<TechniqueResult> Buggy, List<TechniqueResult> Fixed, IReadOnlyList<string> Columns)
    {
        public bool Found => Buggy.Any(c => c.Found == true);

        public bool FalseAlarm => Fixed.Any(c => c.Found == true);

        public (string Column, TechniqueResult Cell)? First => HuntRow.FirstFind(Buggy, Columns);
    }

    public static int Run(HuntCommand.Settings settings, SystematicStrategy[] strategies, string output, CancellationToken cancellationToken)
    {
        string? root = Repository.Root();
        string catalog = root is null ? "" : Path.Combine(root, "src", "FieldCatalog");
        if (root is null || !Directory.Exists(catalog))
        {
            return Errors.BadInput("hunt --catalog field needs a Weave source checkout (it builds src/FieldCatalog, one project per package version); run it from the repository.");
        }

        FieldBug[] bugs = [.. FieldBugCatalog.All.Where(b => settings.Bugs.Length == 0 || settings.Bugs.Contains(b.Name))];
        if (bugs.Length == 0)
        {
            return ExitCodes.Ok; // --bug named only seeded bugs (catalog all)
        }

        Console.Out.WriteLine($"Building the field catalog ({bugs.Length * 2} projects under src/FieldCatalog, one per package version)…");
        var build = Execute(root, ["build", Path.Combine(catalog, "FieldCatalog.slnf"), "-v", "q", "-nologo"], null);
        if (build.ExitCode != 0)
        {
            Console.Error.WriteLine(build.Output);
            return Errors.BadInput("building src/FieldCatalog failed (output above); the field catalog needs the packages from NuGet.");
        }

        var columns = strategies.Select(s => s.ToString()).ToList();
        if (settings.StressRounds > 0)
        {
            columns.Add($"Stress ({settings.StressRounds} rounds)");
        }

        string artifacts = Path.Combine(output, "field");
        var rows = new List<Row>();
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(progress =>
            {
                ProgressTask task = progress.AddTask("Hunting field bugs", maxValue: bugs.Length * columns.Count * 2);
                foreach (FieldBug bug in bugs)
                {
                    task.Description = bug.Name;
                    var buggy = new List<TechniqueResult>();
                    var fixedVersion = new List<TechniqueResult>();
                    foreach (SystematicStrategy strategy in strategies)
                    {
                        string[] args = ["--iterations", settings.FieldIterations.ToString(CultureInfo.InvariantCulture), "--seed", settings.Seed.ToString(CultureInfo.InvariantCulture), "--strategy", strategy.ToString(), "--parallel", settings.Parallel.ToString(CultureInfo.InvariantCulture)];
                        buggy.Add(Cell(RunCase(bug.Program(root, bug.Buggy), args, artifacts), fixedTwin: false));
                        task.Increment(1);
                        fixedVersion.Add(Cell(RunCase(bug.Program(root, bug.Fixed), args, artifacts), fixedTwin: true));
                        task.Increment(1);
                        cancellationToken.ThrowIfCancellationRequested();
                    }

                    if (settings.StressRounds > 0)
                    {
                        string[] args = ["--stress", settings.StressRounds.ToString(CultureInfo.InvariantCulture)];
                        buggy.Add(Cell(RunCase(bug.Program(root, bug.Buggy), args, artifacts), fixedTwin: false));
                        fixedVersion.Add(Cell(RunCase(bug.Program(root, bug.Fixed), args, artifacts), fixedTwin: true));
                        task.Increment(2);
                    }

                    rows.Add(new Row(bug, buggy, fixedVersion, columns));
                }
            });

        Print(rows);
        Directory.CreateDirectory(output);
        string markdown = Path.Combine(output, "field-bugs.md");
        File.WriteAllText(markdown, Markdown(rows, columns, strategies, settings));
        string chart = Path.Combine(output, "field-bugs.png");
        HuntChart.Write(chart, "weave hunt --catalog field: real bugs in published packages",
            [.. rows.Select(r => new HuntChart.Bar(r.Bug.Name, r.Found, r.First?.Cell.Elapsed?.TotalMilliseconds, r.First?.Column))]);
        int found = rows.Count(r => r.Found);
        int falseAlarms = rows.Count(r => r.FalseAlarm);
        Console.Out.WriteLine($"{found} of {rows.Count} field bugs found; {falseAlarms} false alarm(s) on the fixed versions.");
        Console.Out.WriteLine($"Table: {markdown}");
        Console.Out.WriteLine($"Chart: {chart}");
        if (rows.SelectMany(r => r.Buggy).FirstOrDefault(c => c.Schedule is not null) is { Schedule: string schedule })
        {
            Console.Out.WriteLine("Replay a find step by step:");
            Console.Out.WriteLine($"  {CommandLine.Weave("replay", Path.GetFullPath(schedule))}");
        }

        return found == rows.Count && falseAlarms == 0 ? ExitCodes.Ok : ExitCodes.Finding;
    }

    private static JsonElement? RunCase(string program, string[] args, string artifacts)
    {
        if (!File.Exists(program))
        {
            throw new FileNotFoundException($"The field-catalog program {program} was not built.", program);
        }

        var run = Execute(Path.GetDirectoryName(program)!, ["exec", program, .. args], artifacts);
        string? line = run.Output.Split('\n').Select(l => l.TrimEnd('\r')).LastOrDefault(l => l.StartsWith("weave-field: ", StringComparison.Ordinal));
        return line is null ? null : JsonDocument.Parse(line["weave-field: ".Length..]).RootElement.Clone();
    }

    private static TechniqueResult Cell(JsonElement? result, bool fixedTwin)
    {
        if (result is not { } r)
        {
            return new TechniqueResult(null, "no result (the run crashed)", null, null);
        }

        if (r.TryGetProperty("mode", out _))
        {
            if (r.GetProperty("bugFound").ValueKind == JsonValueKind.Null)
            {
                return TechniqueResult.NotApplicable("n/a");
            }

            int rounds = r.GetProperty("rounds").GetInt32();
            var took = TimeSpan.FromMilliseconds(r.GetProperty("elapsedMs").GetInt64());
            return r.GetProperty("bugFound").GetBoolean()
                ? new TechniqueResult(true, $"{(fixedTwin ? "FALSE ALARM" : "found")} @ round {r.GetProperty("round").GetInt32()} ({took.TotalMilliseconds:0} ms)", took, null)
                : new TechniqueResult(false, $"{(fixedTwin ? "clean" : "missed")} in {rounds}", took, null);
        }

        var elapsed = TimeSpan.FromMilliseconds(r.GetProperty("elapsedMs").GetInt64());
        int iterations = r.GetProperty("iterations").GetInt32();
        int inconclusive = r.GetProperty("inconclusive").GetInt32();
        string? schedule = r.GetProperty("scheduleFile").GetString();
        if (r.GetProperty("bugFound").GetBoolean())
        {
            int at = r.GetProperty("iteration").GetInt32();
            return new TechniqueResult(true, $"{(fixedTwin ? "FALSE ALARM" : "found")} @ {at} ({elapsed.TotalMilliseconds:0} ms)", elapsed, schedule);
        }

        string note = inconclusive > 0 ? $", {inconclusive} inconclusive" : "";
        return new TechniqueResult(false, $"{(fixedTwin ? "clean" : "missed")} in {iterations}{note}", elapsed, null);
    }

    private static (int ExitCode, string Output) Execute(string directory, string[] args, string? artifacts)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        if (artifacts is not null)
        {
            start.Environment["WEAVE_ARTIFACTS"] = artifacts;
        }

        start.Environment.Remove("WEAVE_REPLAY");
        using Process process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(s_runTimeout))
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"timed out after {s_runTimeout.TotalMinutes:0} minutes");
        }

        process.WaitForExit();
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }

    private static void Print(List<Row> rows)
    {
        // One plain line per bug, never wrapped: what found it first, and whether the fixed version stayed clean.
        int width = rows.Max(r => r.Bug.Name.Length);
        foreach (Row row in rows)
        {
            string verdict = row.First is { } first
                ? $"found first by {first.Column}: {first.Cell.Text}"
                : "MISSED by every technique";
            string twin = row.FalseAlarm ? $"FALSE ALARM on {row.Bug.Fixed}" : $"{row.Bug.Fixed} clean";
            Console.Out.WriteLine($"{(row.Found && !row.FalseAlarm ? "ok    " : "FAILED")} {row.Bug.Name.PadRight(width)}  {row.Bug.Package} {row.Bug.Buggy}: {verdict}; {twin}");
        }
    }

    private static string Markdown(List<Row> rows, List<string> columns, SystematicStrategy[] strategies, HuntCommand.Settings settings)
    {
        var text = new StringBuilder();
        text.AppendLine("# Field bugs (weave hunt --catalog field)").AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores; Coyote strategies {string.Join(", ", strategies)} with at most {settings.FieldIterations} iterations each on {settings.Parallel} engine(s), seed {settings.Seed}; each cell: the buggy version / the fixed version at the same budget. {rows.Count(r => r.Found)} of {rows.Count} found, {rows.Count(r => r.FalseAlarm)} false alarm(s).");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"| Bug | Package (buggy → fixed) | Upstream | Class | Found first by | {string.Join(" | ", columns)} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"|---|---|---|---|---|{string.Concat(Enumerable.Repeat("---|", columns.Count))}");
        foreach (Row row in rows)
        {
            string first = row.First is { } f ? f.Column : "**missed**";
            var cells = row.Buggy.Zip(row.Fixed, (b, x) => $"{b.Text} / {x.Text}");
            text.AppendLine(CultureInfo.InvariantCulture, $"| `{row.Bug.Name}` | {row.Bug.Package} {row.Bug.Buggy} → {row.Bug.Fixed} | {row.Bug.Upstream} | {row.Bug.BugClass} | {first} | {string.Join(" | ", cells)} |");
        }

        return text.ToString();
    }
}
