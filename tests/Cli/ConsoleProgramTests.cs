using System.Diagnostics;
using System.Text;

namespace Weave.Cli.Tests;

/// <summary>
/// A systematic test hosted in a console program (docs/examples/console), not a test framework: the bug's replay
/// command runs the program again with its arguments (`dotnet run … -- buggy`), pasted as printed, and
/// <c>weave replay</c> replays the schedule too.
/// </summary>
public sealed class ConsoleProgramTests
{
    private static readonly string s_project = Path.Combine(WeaveProcess.RepositoryRoot, "docs", "examples", "console");

    [Fact]
    public void BugInAConsoleProgram_PrintsADotnetRunReplay_ThatReproducesItAsPasted_AndWeaveReplayToo()
    {
        string artifacts = WeaveProcess.TempDirectory();

        (int exit, string output) = Run("dotnet", [Program(), "buggy"], artifacts);
        string replay = output.Split('\n').Single(l => l.StartsWith("Replay:", StringComparison.Ordinal))["Replay:".Length..].Trim();
        string schedule = Directory.GetFiles(artifacts, "*.schedule.json", SearchOption.AllDirectories).Single();
        (int pastedExit, string pasted) = Run("bash", ["-c", replay], artifacts, workingDirectory: Path.GetTempPath());
        (int weaveExit, string weave) = WeaveProcess.Run("replay", schedule);

        Assert.True(exit == 1, output);
        Assert.Contains("balance is", output, StringComparison.Ordinal);
        Assert.Contains("dotnet run --project docs/examples/console -- buggy", replay, StringComparison.Ordinal);
        Assert.StartsWith($"cd {WeaveProcess.RepositoryRoot} && WEAVE_REPLAY=", replay, StringComparison.Ordinal);
        Assert.True(pastedExit == 1, pasted);
        Assert.Contains("reproduced the bug", pasted, StringComparison.Ordinal);
        Assert.True(weaveExit == 1, weave);
        Assert.Contains("The bug reproduces on this schedule.", weave, StringComparison.Ordinal);
    }

    [Fact]
    public void FixedVersion_ExitsZero()
    {
        (int exit, string output) = Run("dotnet", [Program(), "fixed"], WeaveProcess.TempDirectory());

        Assert.True(exit == 0, output);
        Assert.Contains("interleavings without a bug", output, StringComparison.Ordinal);
    }

    private static string Program()
    {
        string configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        string dll = Path.Combine(s_project, "bin", configuration, "net10.0", "Weave.ConsoleExample.dll");
        Assert.True(File.Exists(dll), $"The console example is not built at {dll} (it is part of Harness.sln).");
        return dll;
    }

    private static (int ExitCode, string Output) Run(string file, string[] arguments, string artifacts, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory ?? WeaveProcess.RepositoryRoot };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["WEAVE_ARTIFACTS"] = artifacts;
        var output = new StringBuilder();
        using Process process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{file} {string.Join(' ', arguments)} did not finish within 5 minutes. Output so far:\n{output}");
        }

        process.WaitForExit();
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }
}
