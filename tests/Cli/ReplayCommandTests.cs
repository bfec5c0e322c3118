namespace Weave.Cli.Tests;

public sealed class ReplayCommandTests
{
    [Fact]
    public void Replay_MissingFile_ExitsTwoNamingIt()
    {
        (int exit, string text) = WeaveProcess.Run("replay", "no/such/file.schedule.json");

        Assert.Equal(2, exit);
        Assert.Contains("does not exist", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_CorruptFile_ExitsTwo()
    {
        string file = Path.Combine(WeaveProcess.TempDirectory(), "corrupt.schedule.json");
        File.WriteAllText(file, "{ \"format\": \"weave-schedule/1\", \"test\": ");

        (int exit, string text) = WeaveProcess.Run("replay", file);

        Assert.Equal(2, exit);
        Assert.Contains("not valid JSON", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_TestThatNoLongerExists_ExitsTwo()
    {
        string file = Path.Combine(WeaveProcess.TempDirectory(), "gone.schedule.json");
        string assembly = typeof(ReplayCommandTests).Assembly.Location.Replace("\\", "/", StringComparison.Ordinal);
        File.WriteAllText(file, $$"""
            { "format": "weave-schedule/1", "test": "Weave.Cli.Tests.ReplayCommandTests.NoSuchTest",
              "assembly": "Weave.Cli.Tests", "assemblyPath": "{{assembly}}", "bug": "x",
              "coyoteTrace": { "Steps": [] } }
            """);

        (int exit, string text) = WeaveProcess.Run("replay", file);

        Assert.Equal(2, exit);
        Assert.Contains("no longer exists", text, StringComparison.Ordinal);
    }
}
