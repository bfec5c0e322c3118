using Weave.Harness;

namespace Weave.SystematicTests;

/// <summary>Bad schedule files are refused with a message naming the file and the problem.</summary>
public sealed class ScheduleFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("weave-schedule-tests").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Replay_MissingFile_IsRefused() =>
        AssertRefused(Path.Combine(_directory, "nope.schedule.json"), "does not exist");

    [Fact]
    public void Replay_EmptyFile_IsRefused() => AssertRefused(Write("empty", ""), "is empty");

    [Fact]
    public void Replay_TruncatedJson_IsRefused()
    {
        string good = File.ReadAllText(RecordAGoodSchedule());
        AssertRefused(Write("truncated", good[..(good.Length / 2)]), "not valid JSON");
    }

    [Fact]
    public void Replay_JsonThatIsNotASchedule_IsRefused() =>
        AssertRefused(Write("other", "{ \"name\": \"something else\" }"), "not a Weave schedule");

    [Fact]
    public void Replay_ScheduleWithoutACoyoteTrace_IsRefused() =>
        AssertRefused(Write("notrace", "{ \"format\": \"weave-schedule/1\", \"test\": \"X.Y\" }"), "no Coyote trace");

    [Fact]
    public void Replay_ScheduleFromAnotherTest_IsRefusedNamingBothTests()
    {
        string file = FromAnotherTest(RecordAGoodSchedule());
        var error = Assert.Throws<ScheduleFileException>(() => Systematic.Replay(file, SystematicTests.LostUpdate));
        Assert.Contains("recorded by test 'Some.Other.Test'", error.Message);
        Assert.Contains("Replay_ScheduleFromAnotherTest_IsRefusedNamingBothTests", error.Message);
        Assert.Equal(file, error.Path);
    }

    /// <summary>Rewrites the test a schedule says it was recorded by.</summary>
    internal static string FromAnotherTest(string file)
    {
        string text = File.ReadAllText(file);
        string test = System.Text.RegularExpressions.Regex.Match(text, "\"test\": \"([^\"]+)\"").Groups[1].Value;
        string other = file.Replace(".schedule.json", ".other.schedule.json", StringComparison.Ordinal);
        File.WriteAllText(other, text.Replace($"\"{test}\"", "\"Some.Other.Test\"", StringComparison.Ordinal));
        return other;
    }

    private string RecordAGoodSchedule()
    {
        SystematicReport report = Systematic.Explore(SystematicTests.LostUpdate, new SystematicOptions { Iterations = 100, Seed = 1, TraceDirectory = _directory });
        Assert.True(report.BugFound);
        Assert.StartsWith(_directory, report.ScheduleFile);
        return report.ScheduleFile!;
    }

    private string Write(string name, string text)
    {
        string path = Path.Combine(_directory, name + ".schedule.json");
        File.WriteAllText(path, text);
        return path;
    }

    private static void AssertRefused(string path, string problem)
    {
        var error = Assert.Throws<ScheduleFileException>(() => Systematic.Replay(path, SystematicTests.LostUpdate));
        Assert.Contains(path, error.Message);
        Assert.Contains(problem, error.Message);
        Assert.Equal(path, error.Path);
    }
}
