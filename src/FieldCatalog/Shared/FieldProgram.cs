using System.Globalization;
using System.Text.Json;
using Weave.Harness;

namespace Weave.FieldCatalog;

/// <summary>
/// The runner every field-catalog project shares: runs its case (<see cref="FieldCase"/>) under Coyote against
/// the package version the project references, prints the report, and ends with one machine-readable line
/// (<c>weave-field: {json}</c>) for <c>weave hunt --catalog field</c>.
/// With <c>--stress ROUNDS</c> it runs the case's body on real threads instead (no scheduler): the baseline.
/// Exit codes: 0 clean, 1 bug found, 2 bad arguments.
/// </summary>
internal static class FieldProgram
{
    /// <summary>The line prefix of the result <c>weave hunt</c> reads.</summary>
    public const string ResultPrefix = "weave-field: ";

    private static int Main(string[] args)
    {
        var options = new SystematicOptions { Iterations = 1000, Seed = 1 };
        int stressRounds = 0;
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            try
            {
                if (args[i] == "--stress")
                {
                    stressRounds = int.Parse(Value(), CultureInfo.InvariantCulture);
                    continue;
                }

                options = args[i] switch
                {
                    "--iterations" => options with { Iterations = int.Parse(Value(), CultureInfo.InvariantCulture) },
                    "--seed" => options with { Seed = uint.Parse(Value(), CultureInfo.InvariantCulture) },
                    "--parallel" => options with { Parallelism = int.Parse(Value(), CultureInfo.InvariantCulture) },
                    "--strategy" => options with { Strategy = Enum.Parse<SystematicStrategy>(Value(), ignoreCase: true) },
                    _ => throw new ArgumentException($"unknown option '{args[i]}'"),
                };
            }
            catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
            {
                Console.Error.WriteLine($"error: {e.Message}. Usage: [--iterations N] [--seed N] [--parallel ENGINES] [--strategy random|prioritization|...] | --stress ROUNDS");
                return 2;
            }
        }

        if (stressRounds > 0)
        {
            return Stress(stressRounds);
        }

        var report = FieldCase.Run(options);
        Console.WriteLine(report);
        var result = new Dictionary<string, object?>
        {
            ["case"] = FieldCase.Name,
            ["assembly"] = typeof(FieldProgram).Assembly.GetName().Name,
            ["bugFound"] = report.BugFound,
            ["iteration"] = report.IterationOfFirstBug,
            ["iterations"] = report.Iterations,
            ["inconclusive"] = report.InconclusiveIterations,
            ["strategy"] = report.Strategy.ToString(),
            ["seed"] = report.Seed,
            ["elapsedMs"] = (long)report.Elapsed.TotalMilliseconds,
            ["bug"] = report.Bug is null ? null : FirstLine(report.Bug),
            ["scheduleFile"] = report.ScheduleFile,
            ["replayCommand"] = report.ReplayCommand,
            ["isReplay"] = report.IsReplay,
            ["engines"] = report.Engines,
        };
        Console.WriteLine(ResultPrefix + JsonSerializer.Serialize(result));
        return report.BugFound ? 1 : 0;
    }

    // Real threads, no scheduler: the baseline a plain loop gives. A round that does not finish in 2 s is a hang.
    private static int Stress(int rounds)
    {
        var result = new Dictionary<string, object?> { ["case"] = FieldCase.Name, ["mode"] = "stress", ["rounds"] = rounds };
        if (FieldCase.StressBody is not { } body)
        {
            result["bugFound"] = null;
            Console.WriteLine(ResultPrefix + JsonSerializer.Serialize(result));
            return 0;
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (int round = 1; round <= rounds; round++)
        {
            string? bug = null;
            try
            {
                if (!Task.Run(body).Wait(TimeSpan.FromSeconds(2)))
                {
                    bug = "hang: the round did not finish in 2 s";
                }
            }
            catch (AggregateException e)
            {
                bug = FirstLine($"{e.InnerException!.GetType().Name}: {e.InnerException.Message}");
            }

            if (bug is not null)
            {
                result["bugFound"] = true;
                result["round"] = round;
                result["bug"] = bug;
                result["elapsedMs"] = clock.ElapsedMilliseconds;
                Console.WriteLine($"Stress found a bug in round {round}: {bug}");
                Console.WriteLine(ResultPrefix + JsonSerializer.Serialize(result));
                return 1;
            }
        }

        result["bugFound"] = false;
        result["elapsedMs"] = clock.ElapsedMilliseconds;
        Console.WriteLine($"Stress: {rounds} rounds on real threads, no bug seen.");
        Console.WriteLine(ResultPrefix + JsonSerializer.Serialize(result));
        return 0;
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        return (end < 0 ? text : text[..end]).TrimEnd('\r');
    }
}
