namespace Weave.Cli.Tests;

/// <summary>
/// A systematic test hosted in a console program (docs/examples/console), not a test framework: the bug's replay
/// command runs the program again with its arguments (`dotnet run … -- buggy`), pasted as printed, and
/// <c>weave replay</c> replays the schedule too.
/// </summary>
[Collection(ConsoleExample.Collection)]
public sealed class ConsoleProgramTests
{
    [Fact]
    public void BugInAConsoleProgram_PrintsADotnetRunReplay_ThatReproducesItAsPasted_AndWeaveReplayToo()
    {
        string artifacts = WeaveProcess.TempDirectory();

        (int exit, string output) = ConsoleExample.Run("dotnet", [ConsoleExample.Program(), "buggy"], artifacts);
        string replay = output.Split('\n').Single(l => l.StartsWith("Replay:", StringComparison.Ordinal))["Replay:".Length..].Trim();
        string schedule = Directory.GetFiles(artifacts, "*.schedule.json", SearchOption.AllDirectories).Single();
        (int pastedExit, string pasted) = ConsoleExample.Run("bash", ["-c", replay], artifacts, workingDirectory: Path.GetTempPath());
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
        (int exit, string output) = ConsoleExample.Run("dotnet", [ConsoleExample.Program(), "fixed"], WeaveProcess.TempDirectory());

        Assert.True(exit == 0, output);
        Assert.Contains("interleavings without a bug", output, StringComparison.Ordinal);
    }
}
