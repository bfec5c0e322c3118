namespace Weave.Cli.Tests;

public sealed class HuntCommandTests
{
    [Fact]
    public void Hunt_OneBug_FindsItWritesTableAndChart_AndItsScheduleReplays()
    {
        string output = WeaveProcess.TempDirectory();

        (int exit, string text) = WeaveProcess.Run("hunt", "--bug", "condition-lost-notify", "--strategy", "Random", "--iterations", "100", "--stress-rounds", "20", "--out", output);

        Assert.True(exit == 0, text);
        Assert.Contains("1 of 1", text, StringComparison.Ordinal);
        Assert.Contains("condition-lost-notify", File.ReadAllText(Path.Combine(output, "bug-finding.md")), StringComparison.Ordinal);
        Assert.True(new FileInfo(Path.Combine(output, "bug-finding.png")).Length > 0);

        string schedule = Assert.Single(Directory.GetFiles(Path.Combine(output, "schedules"), "*.schedule.json"));
        (int replayExit, string replay) = WeaveProcess.Run("replay", schedule);
        Assert.True(replayExit == 1, replay); // The bug reproduces: non-zero.
        Assert.Contains("The bug reproduces", replay, StringComparison.Ordinal);
        Assert.Contains("Interleaving", replay, StringComparison.Ordinal);
        Assert.Contains("BuggyConditions.cs", replay, StringComparison.Ordinal); // Source locations.
    }

    [Fact]
    public void Hunt_UnknownBug_FailsNamingTheKnownOnes()
    {
        (int exit, string text) = WeaveProcess.Run("hunt", "--bug", "no-such-bug");

        Assert.NotEqual(0, exit);
        Assert.Contains("Unknown seeded bug 'no-such-bug'", text, StringComparison.Ordinal);
        Assert.Contains("condition-lost-notify", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Hunt_UnknownStrategy_Fails()
    {
        (int exit, string text) = WeaveProcess.Run("hunt", "--strategy", "Sideways");

        Assert.NotEqual(0, exit);
        Assert.Contains("Unknown strategy 'Sideways'", text, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownCommand_Fails()
    {
        (int exit, string text) = WeaveProcess.Run("frobnicate");

        Assert.NotEqual(0, exit);
        Assert.Contains("frobnicate", text, StringComparison.Ordinal);
    }
}
