using BenchmarkDotNet.Running;

// dotnet run -c Release --project perf -- --filter '*'            (all suites, BenchmarkDotNet's defaults)
// dotnet run -c Release --project perf -- --filter '*Lock*' --job short
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
