using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Weave.Perf.Report;

/// <summary>Writes perf/results/: README.md (machine, targets, CPython ratios, headline chart) and one table + chart per suite.</summary>
internal static class ReportWriter
{
    // measured: the suites measured in this run (a partial run keeps the others' last numbers); the previous
    // report's figures are shown for these only.
    public static void Write(string output, string job, List<Measurement> all, Dictionary<string, double>? cpython, string? cpu, List<Measurement>? previous, ISet<string>? measured = null)
    {
        int launches = all.Count == 0 ? 1 : all.Max(m => m.Launches.Length);
        var text = new StringBuilder();
        text.AppendLine("# Weave benchmark report").AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Generated {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC with `dotnet run -c Release --project perf -- report --job {job} --launches {launches}` (BenchmarkDotNet {job} job, each case in {launches} separate launch{(launches == 1 ? "" : "es")}).");
        if (all.Any(m => m.Launches.Length < launches))
        {
            text.AppendLine().AppendLine("Suites not re-run keep their last numbers; a target showing \"one launch\" comes from a single launch.");
        }
        text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Machine: {Machine(cpu ?? SavedCpu(output))}.");
        text.AppendLine(CultureInfo.InvariantCulture, $"CPython: {(cpython is null ? "python3 not found: no CPython ratios" : $"{Python()} running perf/cpython/bench.py")}.").AppendLine();
        text.AppendLine("Ratio = Weave's time per operation ÷ the .NET built-in's, measured in the same run (lower is better; 1.00 = equal). "
            + "With several launches, each launch's ratio is taken (Weave's launch i ÷ the built-in's launch i), the target is judged on their median, "
            + "and min–max shows the spread; times are medians of the launch means. A target whose whole range now lies above the previous report's is flagged as a regression.").AppendLine();

        text.AppendLine("## Targets").AppendLine();
        text.AppendLine("| Workload | .NET built-in | Weave | Ratio (median) | min–max | Target | Met | Previous report |");
        text.AppendLine("|---|---|---|---:|---:|---:|---|---|");
        var headline = new List<(string Label, double Ratio, double Target)>();
        foreach (var target in Targets.All)
        {
            var builtIn = Targets.Find(all, target.Suite, target.Group, target.BuiltIn);
            var weave = Targets.Find(all, target.Suite, target.Group, target.Weave);
            if (builtIn is null || weave is null)
            {
                continue;
            }

            var spread = Spread.Of(weave, builtIn);
            string before = "";
            if (previous is not null && measured?.Contains(target.Suite) != false
                && Targets.Find(previous, target.Suite, target.Group, target.BuiltIn) is { } oldBuiltIn
                && Targets.Find(previous, target.Suite, target.Group, target.Weave) is { } oldWeave)
            {
                var old = Spread.Of(oldWeave, oldBuiltIn);
                before = FormattableString.Invariant($"{old.Median:0.00} ({old.Min:0.00}–{old.Max:0.00}){(spread.RegressedFrom(old) ? " **regressed**" : "")}");
            }

            headline.Add(($"{target.Workload}: {target.Weave}", spread.Median, target.MaxRatio));
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {target.Workload} | {target.BuiltIn} {ReportCommand.Format(builtIn.MeanNs)} | {target.Weave} {ReportCommand.Format(weave.MeanNs)} | {spread.Median:0.00} | {(spread.Launches > 1 ? FormattableString.Invariant($"{spread.Min:0.00}–{spread.Max:0.00}") : "one launch")} | ≤ {target.MaxRatio:0.0#} | {(spread.Median <= target.MaxRatio ? "yes" : "**no**")} | {before} |");
        }

        foreach (var (workload, suite, name, reference, referenceNs) in Targets.References)
        {
            if (all.FirstOrDefault(m => m.Suite == suite && m.Case == name) is { } m)
            {
                double ratio = m.MeanNs / referenceNs;
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"| {workload} | {reference} {ReportCommand.Format(referenceNs)} | {ReportCommand.Format(m.MeanNs)} | {ratio:0.00} | {Range(m.Launches, referenceNs)} | ≤ 1.0 | {(ratio <= 1 ? "yes" : "**no**")} | |");
            }
        }

        foreach (var (suite, name) in Targets.ZeroAllocation)
        {
            if (all.FirstOrDefault(m => m.Suite == suite && m.Case == name) is { } m)
            {
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"| Allocations, {name} | | {m.AllocatedBytes ?? 0} B/op | | | 0 B | {((m.AllocatedBytes ?? 0) == 0 ? "yes" : "**no**")} | |");
            }
        }

        if (headline.Count > 0)
        {
            Charts.Headline(Path.Combine(output, "headline.png"), headline);
            text.AppendLine().AppendLine("![Weave ÷ .NET built-in, per target](headline.png)").AppendLine();
        }

        if (cpython is not null)
        {
            text.AppendLine("## Weave and CPython").AppendLine();
            text.AppendLine("The same workloads in CPython (threading, queue, concurrent.futures; perf/cpython/bench.py, best of 3). Target: Weave at least 20× CPython's throughput.").AppendLine();
            text.AppendLine("The last column is the ceiling the platform sets: the .NET built-in for the same work ÷ CPython.").AppendLine();
            text.AppendLine("| Workload | CPython ops/s | Weave case | Weave ops/s | Weave ÷ CPython | ≥ 20× | .NET built-in ÷ CPython |");
            text.AppendLine("|---|---:|---|---:|---:|---|---:|");
            foreach (var workload in Targets.CPython)
            {
                if (cpython.TryGetValue(workload.Key, out double python) && Targets.Find(all, workload.Suite, workload.Group, workload.Weave) is { } weave)
                {
                    double times = weave.OpsPerSecond / python;
                    var builtIn = Targets.Find(all, workload.Suite, workload.Group, workload.BuiltIn);
                    string ceiling = builtIn is null ? "" : $"{builtIn.OpsPerSecond / python:0.0}× ({builtIn.Case})";
                    text.AppendLine(CultureInfo.InvariantCulture,
                        $"| `{workload.Key}` | {python:#,0} | {weave.Label} | {weave.OpsPerSecond:#,0} | {times:0.0}× | {(times >= 20 ? "yes" : "no")} | {ceiling} |");
                }
            }

            text.AppendLine();
        }

        text.AppendLine("## Suites").AppendLine();
        var order = new[] { "Lock", "ContendedLock", "Semaphore", "Event", "Condition", "Barrier", "Queue", "Queue4x4", "TaskDoneJoin", "Executor", "Process", "Linearizability", "LinearizabilityScale", "Checker", "KeyValueChecker", "Harness" };
        foreach (var suite in all.GroupBy(m => m.Suite).OrderBy(g => Array.IndexOf(order, g.Key) is var i && i < 0 ? int.MaxValue : i))
        {
            string file = $"{suite.Key}.md";
            WriteSuite(Path.Combine(output, file), suite.Key, [.. suite]);
            Charts.Suite(Path.Combine(output, $"{suite.Key}.png"), suite.Key, [.. suite]);
            text.AppendLine(CultureInfo.InvariantCulture, $"- [{suite.Key}]({file})");
        }

        File.WriteAllText(Path.Combine(output, "README.md"), text.ToString());
        if (cpu is not null)
        {
            File.WriteAllText(Path.Combine(output, "cpu.txt"), cpu);
        }

        File.WriteAllText(Path.Combine(output, "measurements.json"), JsonSerializer.Serialize(all, new JsonSerializerOptions { WriteIndented = true }));
        if (cpython is not null)
        {
            File.WriteAllText(Path.Combine(output, "cpython.json"), JsonSerializer.Serialize(cpython, new JsonSerializerOptions { WriteIndented = true }));
        }
    }

    private static void WriteSuite(string path, string suite, List<Measurement> cases)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# {suite}").AppendLine();
        text.AppendLine("Ratio: time per operation ÷ the group's baseline (the .NET built-in), same run. Mean / op is the median of the launch means.").AppendLine();
        text.AppendLine("| Case | Group | Mean / op | Launches (min–max) | Ops/s | Ratio | Allocated / op |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (var group in cases.GroupBy(c => c.Group))
        {
            var baseline = group.FirstOrDefault(c => c.IsBaseline);
            foreach (var c in group)
            {
                string ratio = baseline is null ? "" : (c.MeanNs / baseline.MeanNs).ToString("0.00", CultureInfo.InvariantCulture);
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"| {(c.IsWeave ? $"**{c.Case}**" : c.Case)} | {c.Group} | {ReportCommand.Format(c.MeanNs)} | {LaunchRange(c)} | {c.OpsPerSecond:#,0} | {ratio} | {c.AllocatedBytes ?? 0} B |");
            }
        }

        text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"![{suite}]({suite}.png)");
        File.WriteAllText(path, text.ToString());
    }

    private static string LaunchRange(Measurement m) => m.Launches.Length < 2
        ? ""
        : $"{m.Launches.Length}: {ReportCommand.Format(m.Launches.Min())}–{ReportCommand.Format(m.Launches.Max())}";

    private static string Range(double[] launches, double reference) => launches.Length < 2
        ? ""
        : FormattableString.Invariant($"{launches.Min() / reference:0.00}–{launches.Max() / reference:0.00}");

    // The CPU name BenchmarkDotNet saw, kept beside the measurements for --render-only.
    private static string? SavedCpu(string output)
    {
        string file = Path.Combine(output, "cpu.txt");
        return File.Exists(file) ? File.ReadAllText(file).Trim() : null;
    }

    private static string Machine(string? cpu)
    {
        cpu ??= "unknown CPU";
        return $"{Environment.ProcessorCount} logical cores ({cpu}), {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}";
    }

    private static string Python()
    {
        try
        {
            using var p = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("python3", "--version") { RedirectStandardOutput = true });
            return p?.StandardOutput.ReadToEnd().Trim() ?? "python3";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "python3";
        }
    }
}
