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
        Assert.DoesNotContain("\u001b", text, StringComparison.Ordinal); // Redirected: no colour codes.
        string[] lines = text.Split('\n', StringSplitOptions.TrimEntries);
        string command = lines[Array.IndexOf(lines, "Replay a find step by step:") + 1];
        Assert.Equal($"dotnet run --project {Path.Combine(WeaveProcess.RepositoryRoot, "src", "Cli", "Weave.Cli.csproj")} -- replay {schedule}", command); // One line, absolute paths: pastes anywhere.
        (int replayExit, string replay) = WeaveProcess.Run("replay", schedule);
        Assert.True(replayExit == 1, replay); // The bug reproduces: non-zero.
        Assert.Contains("The bug reproduces", replay, StringComparison.Ordinal);
        Assert.Contains("Interleaving", replay, StringComparison.Ordinal);
        Assert.Contains("BuggyConditions.cs", replay, StringComparison.Ordinal); // Source locations.
    }

    [Fact]
    public void Hunt_FaultBug_FoundFromGeneratedScenarios_AndThatScheduleReplaysToo()
    {
        string output = WeaveProcess.TempDirectory();

        (int exit, string text) = WeaveProcess.Run("hunt", "--bug", "queue-put-throws-after-storing", "--strategy", "Random", "--iterations", "50", "--stress-rounds", "0", "--out", output);

        Assert.True(exit == 0, text);
        string schedule = Assert.Single(Directory.GetFiles(Path.Combine(output, "schedules"), "LinearizabilitySpecs.hunt-*.schedule.json"));
        (int replayExit, string replay) = WeaveProcess.Run("replay", schedule);
        Assert.True(replayExit == 1, replay);
        Assert.Contains("interrupted (no effect)", replay, StringComparison.Ordinal);
        Assert.Contains("The bug reproduces", replay, StringComparison.Ordinal);
    }

    [Fact]
    public void Hunt_OnSeveralEngines_FindsWithRandomWhatOneEngineFinds()
    {
        string Cell(string parallel)
        {
            string output = WeaveProcess.TempDirectory();
            (int exit, string text) = WeaveProcess.Run("hunt", "--bug", "condition-lost-notify", "--strategy", "Random", "--iterations", "100",
                "--stress-rounds", "0", "--no-scenarios", "--parallel", parallel, "--out", output);
            Assert.True(exit == 0, text);
            string table = File.ReadAllText(Path.Combine(output, "bug-finding.md"));
            Assert.Contains($"on {parallel} engine(s)", table, StringComparison.Ordinal);
            return System.Text.RegularExpressions.Regex.Match(table, @"found @ \d+").Value;
        }

        string alone = Cell("1");
        Assert.StartsWith("found @ ", alone, StringComparison.Ordinal);
        Assert.Equal(alone, Cell("3"));
    }

    [Fact]
    public void Hunt_ParallelBelowOne_IsAUsageError()
    {
        (int exit, string text) = WeaveProcess.Run("hunt", "--parallel", "0");

        Assert.Equal(2, exit);
        Assert.Contains("--parallel must be at least 1 (got 0)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Hunt_UnknownCatalog_FailsNamingTheKnownOnes()
    {
        (int exit, string text) = WeaveProcess.Run("hunt", "--catalog", "zoo");

        Assert.Equal(2, exit);
        Assert.Contains("--catalog must be seeded, field or all (got 'zoo')", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Hunt_FieldBugNamedForTheSeededCatalog_FailsNamingTheSeededOnes()
    {
        (int exit, string text) = WeaveProcess.Run("hunt", "--bug", "di-singleton-deadlock");

        Assert.Equal(2, exit);
        Assert.Contains("Unknown seeded bug 'di-singleton-deadlock'", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Hunt_UnknownBug_FailsNamingTheKnownOnes()
    {
        (int exit, string text) = WeaveProcess.Run("hunt", "--bug", "no-such-bug");

        Assert.Equal(2, exit);
        Assert.Contains("Unknown seeded bug 'no-such-bug'", text, StringComparison.Ordinal);
        Assert.Contains("condition-lost-notify", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Hunt_UnknownStrategy_Fails()
    {
        (int exit, string text) = WeaveProcess.Run("hunt", "--strategy", "Sideways");

        Assert.Equal(2, exit);
        Assert.Contains("Unknown strategy 'Sideways'", text, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownCommand_Fails()
    {
        (int exit, string text) = WeaveProcess.Run("frobnicate");

        Assert.Equal(2, exit);
        Assert.StartsWith("error: ", text.TrimStart(), StringComparison.Ordinal);
        Assert.Contains("frobnicate", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Hunt_ValueThatDoesNotParse_IsAUsageErrorWithExitCodeTwo()
    {
        (int exit, string text) = WeaveProcess.Run("hunt", "--iterations", "many");

        Assert.Equal(2, exit);
        Assert.Contains("many", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_ListsTheExitCodes()
    {
        (int exit, string text) = WeaveProcess.Run("hunt", "--help");

        Assert.Equal(0, exit);
        Assert.Contains("2: usage error", text, StringComparison.Ordinal);
    }
}
