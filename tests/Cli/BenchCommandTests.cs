namespace Weave.Cli.Tests;

public sealed class BenchCommandTests
{
    [Fact]
    public void Bench_UnknownJob_Fails()
    {
        (int exit, string text) = WeaveProcess.Run("bench", "--job", "forever");

        Assert.Equal(2, exit);
        Assert.Contains("Unknown job 'forever'", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Bench_DryJobOneSuite_WritesTheReport()
    {
        string output = WeaveProcess.TempDirectory();

        (int exit, string text) = WeaveProcess.Run("bench", "--job", "dry", "--suites", "Lock", "--out", output);

        Assert.True(exit == 0, text);
        Assert.Contains("PrimitiveLock", File.ReadAllText(Path.Combine(output, "Lock.md")), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(output, "README.md")));
    }
}
