using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Weave.Perf.Report;

/// <summary>
/// <c>dotnet run -c Release --project perf -- report [--job short|full|dry] [--launches 3] [--suites Lock,Queue] [--out dir] [--render-only [--previous measurements.json]]</c>:
/// runs the suites (each case in --launches separate processes, 3 unless dry), runs perf/cpython/bench.py when python3 is present, and writes the report
/// (markdown tables and PNG charts) to perf/results/.
/// </summary>
internal static class ReportCommand
{
    private static readonly Type[] s_suites =
    [
        typeof(LockBenchmarks), typeof(ContendedLockBenchmarks), typeof(SemaphoreBenchmarks), typeof(EventBenchmarks),
        typeof(ConditionBenchmarks), typeof(BarrierBenchmarks), typeof(QueueBenchmarks), typeof(Queue4x4Benchmarks),
        typeof(TaskDoneJoinBenchmarks), typeof(ExecutorBenchmarks), typeof(ProcessBenchmarks), typeof(LinearizabilityBenchmarks),
        typeof(LinearizabilityScaleBenchmarks), typeof(CheckerBenchmarks), typeof(KeyValueCheckerBenchmarks),
    ];

    public static int Run(string[] args)
    {
        string job = Option(args, "--job") ?? "short";
        string root = RepositoryRoot();
        string output = Path.GetFullPath(Option(args, "--out") ?? Path.Combine(root, "perf", "results"));
        if (args.Contains("--render-only"))
        {
            // Rewrite the markdown and charts from the saved measurements, without running anything.
            var saved = Previous(output);
            string cpythonFile = Path.Combine(output, "cpython.json");
            var python = File.Exists(cpythonFile) ? JsonSerializer.Deserialize<Dictionary<string, double>>(File.ReadAllText(cpythonFile)) : null;
            string savedJob = File.Exists(Path.Combine(output, "job.txt")) ? File.ReadAllText(Path.Combine(output, "job.txt")).Trim() : job;
            // --previous FILE (an older measurements.json) and --suites A,B (the suites that file's figures are
            // compared for) restore the "previous report" column when re-rendering.
            var earlier = Option(args, "--previous") is string previousFile
                ? JsonSerializer.Deserialize<List<Measurement>>(File.ReadAllText(previousFile))
                : null;
            var compared = Option(args, "--suites")?.Split(',').ToHashSet(StringComparer.Ordinal);
            ReportWriter.Write(output, savedJob, saved, python, null, earlier, compared);
            Console.WriteLine($"Report re-rendered in {output} ({saved.Count} measurements).");
            return saved.Count > 0 ? 0 : 1;
        }

        string[]? names = Option(args, "--suites")?.Split(',');
        var suites = names is null ? s_suites : s_suites.Where(t => names.Any(n => t.Name.Equals(n + "Benchmarks", StringComparison.OrdinalIgnoreCase))).ToArray();
        bool harness = names is null || names.Contains("Harness", StringComparer.OrdinalIgnoreCase);
        if (suites.Length == 0 && !harness)
        {
            Console.Error.WriteLine($"No suite matches --suites; the suites are: {string.Join(", ", s_suites.Select(Short))}, Harness.");
            return 2;
        }

        var chosen = job switch
        {
            "short" => Job.ShortRun,
            "full" => Job.Default,
            "dry" => Job.Dry,
            _ => null,
        };
        if (chosen is null)
        {
            Console.Error.WriteLine($"--job must be short, full or dry, not '{job}'.");
            return 2;
        }

        // Each launch is a fresh process; targets are judged on the median ratio across launches, with its min–max.
        string launchText = Option(args, "--launches") ?? (job == "dry" ? "1" : "3");
        if (!int.TryParse(launchText, NumberStyles.None, CultureInfo.InvariantCulture, out int launches) || launches is < 1 or > 20)
        {
            Console.Error.WriteLine($"--launches must be a whole number from 1 to 20, not '{launchText}'.");
            return 2;
        }

        chosen = chosen.WithLaunchCount(launches);

        var config = ManualConfig.CreateEmpty()
            .AddJob(chosen)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddLogger(ConsoleLogger.Default)
            .WithArtifactsPath(Path.Combine(root, "artifacts", "bdn-report"));
        var clock = Stopwatch.StartNew();
        Summary[] summaries = suites.Length > 0 ? BenchmarkRunner.Run(suites, config) : [];
        var measurements = summaries.SelectMany(Collect).ToList();
        if (harness)
        {
            measurements.AddRange(HarnessSuite(root, job, launches));
        }

        var measured = measurements.Select(m => m.Suite).ToHashSet();
        if (names is not null)
        {
            // A partial run: keep the other suites' last results, so the report stays whole.
            measurements.AddRange(Previous(output).Where(m => !measured.Contains(m.Suite)).ToList());
        }

        var cpython = CPython(root);
        Directory.CreateDirectory(output);
        var previous = Previous(output);
        ReportWriter.Write(output, job, measurements, cpython, summaries.FirstOrDefault()?.HostEnvironmentInfo?.Cpu?.Value?.ProcessorName, previous, measured);
        File.WriteAllText(Path.Combine(output, "job.txt"), job);
        Console.WriteLine($"Report written to {output} ({measurements.Count} measurements, {clock.Elapsed.TotalMinutes:0.0} min).");
        return measurements.Count > 0 ? 0 : 1;
    }

    private static IEnumerable<Measurement> Collect(Summary summary)
    {
        foreach (var report in summary.Reports)
        {
            var benchmark = report.BenchmarkCase;
            if (report.ResultStatistics is not { } statistics)
            {
                continue; // The case failed; BenchmarkDotNet printed why.
            }

            string group = string.Join(", ", benchmark.Descriptor.Categories.Concat(benchmark.Parameters.Items.Select(p => $"{p.Name}={p.Value}")));
            double[] launches = LaunchMeans(report);
            yield return new Measurement(
                Short(benchmark.Descriptor.Type),
                benchmark.Descriptor.WorkloadMethodDisplayInfo.Trim('\''),
                group,
                benchmark.Descriptor.Baseline,
                launches.Length > 1 ? Spread.MedianOf(launches) : statistics.Mean,
                report.GcStats.GetBytesAllocatedPerOperation(benchmark),
                launches.Length > 1 ? launches : null);
        }
    }

    // One mean per launch (each launch is its own process): the workload's result iterations (overhead removed).
    private static double[] LaunchMeans(BenchmarkReport report) =>
        [.. report.AllMeasurements
            .Where(m => m.IterationMode == BenchmarkDotNet.Engines.IterationMode.Workload && m.IterationStage == BenchmarkDotNet.Engines.IterationStage.Result)
            .GroupBy(m => m.LaunchIndex)
            .OrderBy(g => g.Key)
            .Select(g => g.Average(m => m.Nanoseconds / m.Operations))];

    private static List<Measurement> Previous(string output)
    {
        string file = Path.Combine(output, "measurements.json");
        return File.Exists(file) ? JsonSerializer.Deserialize<List<Measurement>>(File.ReadAllText(file)) ?? [] : [];
    }

    // perf/Harness: a separate executable, because Coyote rewrites it (the suites above measure unrewritten Weave).
    // It runs in process (BenchmarkDotNet must not rebuild what Coyote rewrote), so each launch is one run of it:
    // a case's time is the median of the launches' means, as for the other suites.
    private static List<Measurement> HarnessSuite(string root, string job, int launches)
    {
        var runs = new List<List<Measurement>>();
        for (int launch = 1; launch <= launches; launch++)
        {
            string output = Path.Combine(root, "artifacts", "bdn-report", $"harness-{launch}.json");
            Directory.CreateDirectory(Path.GetDirectoryName(output)!);
            File.Delete(output);
            var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, WorkingDirectory = root };
            foreach (string arg in new[] { "run", "-c", "Release", "--project", Path.Combine(root, "perf", "Harness"), "--", "--job", job, "--out", output })
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            process.WaitForExit();
            if (process.ExitCode != 0 || !File.Exists(output))
            {
                Console.Error.WriteLine($"The harness suite (perf/Harness) failed in launch {launch}; the report leaves it out.");
                return [];
            }

            runs.Add(JsonSerializer.Deserialize<List<Measurement>>(File.ReadAllText(output)) ?? []);
        }

        return runs[0]
            .Select(first =>
            {
                Measurement[] same = [.. runs.Select(run => run.First(m => m.Case == first.Case && m.Group == first.Group))];
                double[] means = [.. same.Select(m => m.MeanNs)];
                return launches == 1
                    ? first
                    : first with { MeanNs = Spread.MedianOf(means), AllocatedBytes = same.Max(m => m.AllocatedBytes), LaunchMeansNs = means };
            })
            .ToList();
    }

    // perf/cpython/bench.py when python3 exists: workload -> operations per second.
    private static Dictionary<string, double>? CPython(string root)
    {
        string script = Path.Combine(root, "perf", "cpython", "bench.py");
        try
        {
            using var python = Process.Start(new ProcessStartInfo("python3", $"\"{script}\"") { RedirectStandardOutput = true, UseShellExecute = false });
            if (python is null)
            {
                return null;
            }

            string json = python.StandardOutput.ReadToEnd();
            if (!python.WaitForExit(TimeSpan.FromMinutes(5)) || python.ExitCode != 0)
            {
                return null;
            }

            using var document = JsonDocument.Parse(json);
            return document.RootElement.EnumerateObject()
                .Where(p => p.Value.ValueKind == JsonValueKind.Number)
                .ToDictionary(p => p.Name, p => p.Value.GetDouble());
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // No python3 on this machine.
        }
    }

    private static string Short(Type type) => type.Name.Replace("Benchmarks", "", StringComparison.Ordinal);

    private static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (dir.GetFiles("*.sln").Length > 0)
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }

    internal static string Format(double ns) => ns switch
    {
        >= 1e6 => (ns / 1e6).ToString("0.00", CultureInfo.InvariantCulture) + " ms",
        >= 1e3 => (ns / 1e3).ToString("0.00", CultureInfo.InvariantCulture) + " µs",
        _ => ns.ToString("0.0", CultureInfo.InvariantCulture) + " ns",
    };
}
