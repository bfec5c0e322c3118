using System.ComponentModel;
using System.Diagnostics;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Weave.Cli;

/// <summary>
/// <c>weave bench [--job short|full|dry] [--launches N]</c>: runs the BenchmarkDotNet suites of perf/ (in a Weave
/// source checkout) and regenerates the report, by running
/// <c>dotnet run -c Release --project perf -- report …</c>.
/// </summary>
internal sealed class BenchCommand : Command<BenchCommand.Settings>
{
    private static readonly string[] s_jobs = ["short", "full", "dry"];

    public sealed class Settings : CommandSettings
    {
        [CommandOption("--job <JOB>")]
        [Description("short (default, a few minutes), full (the committed numbers) or dry (one invocation each: checks that everything runs).")]
        public string Job { get; init; } = "short";

        [CommandOption("--suites <NAMES>")]
        [Description("Comma-separated suites (Lock, ContendedLock, Semaphore, Event, Condition, Barrier, Queue, Queue4x4, TaskDoneJoin, Executor, Process, Linearizability, Harness). Default: all.")]
        public string? Suites { get; init; }

        [CommandOption("--launches <N>")]
        [Description("Launches (separate processes) per case, 1 to 20 (default 3; dry: 1). Targets are judged on the median ratio across launches, shown with its min–max.")]
        public int? Launches { get; init; }

        [CommandOption("--out <DIR>")]
        [Description("Where the report goes (default perf/results).")]
        public string? Out { get; init; }

        public override ValidationResult Validate() =>
            !s_jobs.Contains(Job) ? ValidationResult.Error($"Unknown job '{Job}'. Known: {string.Join(", ", s_jobs)}.")
            : Launches is < 1 or > 20 ? ValidationResult.Error($"--launches must be from 1 to 20, not {Launches}.")
            : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (Repository.Root() is not string root)
        {
            return Errors.BadInput($"weave bench runs the perf/ project of a Weave source checkout; no Harness.sln was found above {Environment.CurrentDirectory}.");
        }

        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, WorkingDirectory = root };
        foreach (string argument in new[] { "run", "-c", "Release", "--project", Path.Combine(root, "perf"), "--", "report", "--job", settings.Job })
        {
            start.ArgumentList.Add(argument);
        }

        if (settings.Suites is string suites)
        {
            start.ArgumentList.Add("--suites");
            start.ArgumentList.Add(suites);
        }

        if (settings.Launches is int launches)
        {
            start.ArgumentList.Add("--launches");
            start.ArgumentList.Add(launches.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (settings.Out is string output)
        {
            start.ArgumentList.Add("--out");
            start.ArgumentList.Add(Path.GetFullPath(output));
        }

        Console.Out.WriteLine($"Running: cd {CommandLine.Quote(root)} && {string.Join(' ', start.ArgumentList.Select(CommandLine.Quote))}");
        using Process process = Process.Start(start)!;
        process.WaitForExitAsync(cancellationToken).GetAwaiter().GetResult();
        return process.ExitCode;
    }
}
