using System.Text.Json;

namespace Weave.Cli.Tests;

/// <summary>
/// The field catalog (src/FieldCatalog, built with Harness.sln): each real bug is found in its buggy package version
/// under Coyote with a fixed seed, its schedule replays the bug on iteration 1, and the fixed version stays clean at
/// the same budget with no inconclusive iteration. Stress figures are reported by hunt, never asserted.
/// </summary>
[Collection(FieldCatalogTests.Collection)]
public sealed class FieldCatalogTests
{
    /// <summary>The tests that run or rebuild the field-catalog programs run one after another (see
    /// <see cref="HuntFieldCatalogTests"/>).</summary>
    public const string Collection = "field catalog";

    private const int Budget = 1000;

    public static TheoryData<string, string, string> Entries => new()
    {
        { "ObjectPool", "2.1.0", "2.2.0" },
        { "CircuitBreaker", "7.2.0", "7.2.1" },
        { "ReaderWriterLock", "1.0.2", "5.1.2" },
        { "DependencyInjection", "5.0.0", "6.0.0" },
        { "OptionsMonitor", "7.0.0", "7.0.1" },
        { "MemoryCacheSize", "10.0.10", "10.0.15" },
    };

    [Theory]
    [MemberData(nameof(Entries))]
    public void BuggyVersion_IsFound_AndTheScheduleReplaysIt(string project, string buggy, string fixedVersion)
    {
        _ = fixedVersion;
        string artifacts = Artifacts(project, buggy);
        var (exitCode, output) = RunProgram(project, buggy, artifacts, ["--iterations", $"{Budget}", "--seed", "1"]);

        JsonElement result = Result(output);
        Assert.True(exitCode == 1 && result.GetProperty("bugFound").GetBoolean(), output);
        Assert.InRange(result.GetProperty("iteration").GetInt32(), 1, Budget);
        string schedule = result.GetProperty("scheduleFile").GetString()!;
        Assert.True(File.Exists(schedule), output);

        var (replayExit, replayOutput) = RunProgram(project, buggy, artifacts, ["--iterations", $"{Budget}", "--seed", "1"], ("WEAVE_REPLAY", schedule));
        JsonElement replayed = Result(replayOutput);
        Assert.True(replayExit == 1 && replayed.GetProperty("isReplay").GetBoolean() && replayed.GetProperty("bugFound").GetBoolean(), replayOutput);
        Assert.Contains("reproduced the bug", replayOutput, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Entries))]
    public void FixedVersion_IsClean_AtTheSameBudget(string project, string buggy, string fixedVersion)
    {
        _ = buggy;
        var (exitCode, output) = RunProgram(project, fixedVersion, Artifacts(project, fixedVersion), ["--iterations", $"{Budget}", "--seed", "1"]);

        JsonElement result = Result(output);
        Assert.True(exitCode == 0 && !result.GetProperty("bugFound").GetBoolean(), output);
        Assert.Equal(0, result.GetProperty("inconclusive").GetInt32());
        Assert.True(result.GetProperty("iterations").GetInt32() >= Budget - 40, output); // scenario entries share the budget
    }

    [Fact]
    public void Program_WithAnUnknownOption_ExitsTwo_NamingIt()
    {
        var (exitCode, output) = RunProgram("ObjectPool", "2.1.0", Artifacts("ObjectPool", "bad"), ["--iterationz", "5"]);

        Assert.Equal(2, exitCode);
        Assert.Contains("error: unknown option '--iterationz'", output, StringComparison.Ordinal);
    }

    private static string Artifacts(string project, string version) =>
        Path.Combine(Path.GetTempPath(), "weave-field-tests", $"{project}.{version}.{Guid.NewGuid():N}");

    private static JsonElement Result(string output)
    {
        string? line = output.Split('\n').Select(l => l.TrimEnd('\r')).LastOrDefault(l => l.StartsWith("weave-field: ", StringComparison.Ordinal));
        Assert.True(line is not null, $"no result line in:\n{output}");
        return JsonDocument.Parse(line["weave-field: ".Length..]).RootElement.Clone();
    }

    private static (int ExitCode, string Output) RunProgram(
        string project, string version, string artifacts, string[] arguments, params (string Name, string Value)[] environment)
    {
        string configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        string dll = Path.Combine(WeaveProcess.RepositoryRoot, "src", "FieldCatalog", $"{project}.{version}", "bin", configuration, "net10.0", $"Weave.Field.{project}.{version}.dll");
        Assert.True(File.Exists(dll), $"The field-catalog program is not built at {dll} (src/FieldCatalog is part of Harness.sln).");
        return ConsoleExample.Run("dotnet", ["exec", dll, .. arguments], artifacts, null, environment);
    }
}
