using System.ComponentModel;
using System.Diagnostics;
using Spectre.Console.Cli;
using Weave.Harness;
using Weave.SystematicTests.SeededBugs;

namespace Weave.Cli;

/// <summary>
/// <c>weave replay &lt;schedule-file&gt;</c>: replays a saved Coyote schedule. A schedule written by
/// <c>weave hunt</c> is replayed here; one written by a test runs that one test of its built test
/// assembly (its xunit runner, <c>-method</c>) with <c>WEAVE_REPLAY</c> set. Prints the interleaving; exits 1 when the bug reproduces.
/// </summary>
internal sealed class ReplayCommand : Command<ReplayCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<schedule-file>")]
        [Description("A *.schedule.json file (weave-schedule/1).")]
        public string File { get; init; } = "";
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ScheduleFile schedule;
        try
        {
            schedule = ScheduleFile.Read(settings.File);
        }
        catch (ScheduleFileException e)
        {
            return Errors.BadInput(e.Message);
        }

        string path = Path.GetFullPath(settings.File);
        string huntPrefix = typeof(HuntCommand).FullName + ".";
        if (schedule.Test.StartsWith(huntPrefix, StringComparison.Ordinal))
        {
            return ReplayHunt(path, schedule.Test[huntPrefix.Length..]);
        }

        return s_huntScenario.Match(schedule.Test) is { Success: true } scenario
            ? ReplayHuntScenario(path, scenario.Groups["bug"].Value, ulong.Parse(scenario.Groups["seed"].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(scenario.Groups["k"].Value, System.Globalization.CultureInfo.InvariantCulture))
            : ReplayTest(path, schedule, cancellationToken);
    }

    // A generated-scenario schedule recorded by hunt (HuntCommand.ScenarioName): replayed here, in this process.
    private static readonly System.Text.RegularExpressions.Regex s_huntScenario =
        new(@"^Weave\.SystematicTests\.SeededBugs\.LinearizabilitySpecs\.hunt-(?<bug>.+)-seed(?<seed>\d+)-scenario(?<k>\d+)$");

    private static int ReplayHuntScenario(string path, string bugName, ulong seed, int scenario)
    {
        if (LinearizabilitySpecs.All.FirstOrDefault(b => b.Name == bugName) is not { } bug)
        {
            return Errors.BadInput($"{path}: the schedule was recorded for seeded bug '{bugName}', whose scenarios are no longer in the catalog.");
        }

        SystematicReport report;
        try
        {
            var options = new SystematicOptions { TraceDirectory = Path.GetDirectoryName(path) };
            report = bug.Target(true).Replay(path, seed, scenario, $"hunt-{bugName}-seed{seed}", options);
        }
        catch (ScheduleFileException e)
        {
            return Errors.BadInput(e.Message);
        }

        return Outcome(report.BugFound, (report with { ReplayCommand = CommandLine.Weave("replay", path) }).ToString());
    }

    private static int ReplayHunt(string path, string bugName)
    {
        if (SeededBugCatalog.All.FirstOrDefault(b => b.Name == bugName) is not { } bug)
        {
            return Errors.BadInput($"{path}: the schedule was recorded for seeded bug '{bugName}', which is no longer in the catalog.");
        }

        SystematicReport report;
        try
        {
            report = Systematic.Replay(path, HuntCommand.Scenario(bug), bugName);
        }
        catch (ScheduleFileException e)
        {
            return Errors.BadInput(e.Message);
        }

        return Outcome(report.BugFound, (report with { ReplayCommand = CommandLine.Weave("replay", path) }).ToString());
    }

    private static int ReplayTest(string path, ScheduleFile schedule, CancellationToken cancellationToken)
    {
        string? assembly = TestAssemblies.Locate(schedule);
        if (assembly is null)
        {
            return Errors.BadInput($"{path}: the test assembly '{schedule.Assembly}' that recorded it was not found{(schedule.AssemblyPath is null ? "" : $" at {schedule.AssemblyPath}")}; build the test project first.");
        }

        // A console program runs again with its own arguments (its check replays the schedule; the name it gave the
        // check need not be a method); a test assembly is the xunit v3 executable, asked for the one method.
        bool program = schedule.ProgramArguments is not null;
        if (!program && !TestAssemblies.HasMethod(assembly, schedule.Test))
        {
            return Errors.BadInput($"{path}: the test '{schedule.Test}' no longer exists in {assembly}.");
        }

        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in program
            ? ["exec", assembly, .. schedule.ProgramArguments!]
            : new[] { "exec", assembly, "-method", schedule.Test, "-noLogo", "-noColor" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["WEAVE_REPLAY"] = path;
        Console.Out.WriteLine(program ? $"Replaying {schedule.Test}: running the program {assembly}" : $"Replaying {schedule.Test} in {assembly}");
        using Process process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) Console.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.WaitForExitAsync(cancellationToken).GetAwaiter().GetResult();
        process.WaitForExit(); // Drains the output.

        // A program whose check reproduces the bug fails (an unhandled SystematicBugException, or its own exit code).
        if (program)
        {
            return Outcome(bugFound: process.ExitCode != 0, null);
        }

        // The xunit v3 test executable run directly: 0 every test passed, 1 a test failed.
        return process.ExitCode switch
        {
            0 => Outcome(bugFound: false, null),
            1 => Outcome(bugFound: true, null),
            int code => Errors.BadInput($"{path}: the test run failed to start (exit code {code})."),
        };
    }

    private static int Outcome(bool bugFound, string? report)
    {
        if (report is not null)
        {
            Console.WriteLine(report);
        }

        if (bugFound)
        {
            Console.Out.WriteLine("The bug reproduces on this schedule.");
            return ExitCodes.Finding;
        }

        Console.Out.WriteLine("The schedule no longer reproduces a bug.");
        return ExitCodes.Ok;
    }
}
