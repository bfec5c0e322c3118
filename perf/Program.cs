using BenchmarkDotNet.Running;
using Weave.Perf.Report;

// dotnet run -c Release --project perf -- report [--job short|full|dry] [--suites Lock,Queue]   the report in perf/results/
// dotnet run -c Release --project perf -- --filter '*Lock*' --job short                        BenchmarkDotNet directly
if (args.Length > 0 && args[0] == "report")
{
    return ReportCommand.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(ReportCommand).Assembly).Run(args);
return 0;
