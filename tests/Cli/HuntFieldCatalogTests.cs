namespace Weave.Cli.Tests;

/// <summary><c>weave hunt --catalog field</c> end to end. In the field-catalog collection: the hunt rebuilds
/// src/FieldCatalog first, and until each project's rewrite step has run again its program on disk is the plain
/// build, which a field-catalog test running it at that moment would see (a CI run under load caught that).</summary>
[Collection(FieldCatalogTests.Collection)]
public sealed class HuntFieldCatalogTests
{
    [Fact]
    public void Hunt_FieldCatalog_OneBug_FoundInTheBuggyVersion_CleanInTheFixed_AndTheScheduleReplays()
    {
        string output = WeaveProcess.TempDirectory();

        (int exit, string text) = WeaveProcess.Run("hunt", "--catalog", "field", "--bug", "di-singleton-deadlock", "--strategy", "Random", "--iterations", "200", "--stress-rounds", "3", "--out", output);

        Assert.True(exit == 0, text);
        Assert.Contains("1 of 1 field bugs found; 0 false alarm(s)", text, StringComparison.Ordinal);
        string table = File.ReadAllText(Path.Combine(output, "field-bugs.md"));
        Assert.Contains("Microsoft.Extensions.DependencyInjection 5.0.0 → 6.0.0", table, StringComparison.Ordinal);
        Assert.Contains("dotnet/runtime#35986", table, StringComparison.Ordinal);
        Assert.Contains("/ clean in 200", table, StringComparison.Ordinal);
        Assert.True(new FileInfo(Path.Combine(output, "field-bugs.png")).Length > 0);

        string schedule = Assert.Single(Directory.GetFiles(Path.Combine(output, "field", "schedules"), "*.schedule.json"));
        (int replayExit, string replay) = WeaveProcess.Run("replay", schedule);
        Assert.True(replayExit == 1, replay);
        Assert.Contains("reproduced the bug", replay, StringComparison.Ordinal);
    }
}
