using System.Text.Json;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Weave.Perf.Harness;

// dotnet run -c Release --project perf/Harness -- [--job short|full|dry] [--out measurements.json]
// In process: this executable is the one Coyote rewrote, so BenchmarkDotNet must not rebuild it.
string job = Option("--job") ?? "short";
var chosen = job switch { "full" => Job.Default, "dry" => Job.Dry, _ => Job.ShortRun };
var config = ManualConfig.CreateEmpty()
    .AddJob(chosen.WithToolchain(InProcessEmitToolchain.Instance))
    .AddDiagnoser(MemoryDiagnoser.Default)
    .AddColumnProvider(DefaultColumnProviders.Instance)
    .AddLogger(ConsoleLogger.Default)
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
var summary = BenchmarkRunner.Run<CoyoteIterationBenchmarks>(config);
var rows = summary.Reports.Where(r => r.ResultStatistics is not null).Select(r => new
{
    Suite = "Harness",
    Case = r.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo.Trim('\''),
    Group = string.Join(", ", r.BenchmarkCase.Parameters.Items.Select(p => $"{p.Name}={p.Value}")),
    IsBaseline = false,
    MeanNs = r.ResultStatistics!.Mean,
    AllocatedBytes = r.GcStats.GetBytesAllocatedPerOperation(r.BenchmarkCase),
}).ToList();
if (Option("--out") is { } output)
{
    File.WriteAllText(output, JsonSerializer.Serialize(rows));
}

return rows.Count > 0 ? 0 : 1;

string? Option(string name)
{
    int i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
