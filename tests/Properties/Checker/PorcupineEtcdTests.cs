using System.Diagnostics;
using Weave.Harness;

namespace Weave.PropertiesTests.Checker;

/// <summary>
/// The 102 Jepsen etcd histories of Porcupine's test suite (single key, read/write/cas from 5 clients, crashed
/// calls as pending), each with the verdict Porcupine's tests assert: the checker must agree on every one.
/// </summary>
public sealed class PorcupineEtcdTests(ITestOutputHelper output)
{
    public static string DataDirectory => Path.Combine(AppContext.BaseDirectory, "Data", "porcupine-etcd");

    public static IEnumerable<(string File, bool Linearizable)> Expected() =>
        File.ReadAllLines(Path.Combine(DataDirectory, "expected.tsv"))
            .Where(line => line.Contains('\t', StringComparison.Ordinal))
            .Select(line => line.Split('\t'))
            .Select(parts => (parts[0], parts[1].Trim() == "linearizable"));

    [Fact]
    public void EveryEtcdHistory_GetsPorcupinesVerdict()
    {
        var expected = Expected().ToList();
        var spec = new KeyValueSpec();
        var wrong = new List<string>();
        var clock = Stopwatch.StartNew();
        foreach (var (file, linearizable) in expected)
        {
            var calls = JepsenHistory.Read(Path.Combine(DataDirectory, file));
            var result = Linearizability.Check(spec, calls, TimeSpan.FromSeconds(30));
            if (result.TimedOut || result.IsLinearizable != linearizable)
            {
                wrong.Add($"{file}: expected {(linearizable ? "linearizable" : "not linearizable")}, got {result.Summary}");
            }
        }

        output.WriteLine($"{expected.Count} histories checked in {clock.Elapsed.TotalSeconds:0.00} s (verdicts only; Porcupine: 0.39 s on this machine kind).");
        Assert.Equal(102, expected.Count);
        Assert.Equal(23, expected.Count(e => e.Linearizable));
        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    [Fact]
    public void AViolation_HasACounterexampleEndingInTheCallNoOrderExplains()
    {
        var (file, _) = Expected().First(e => !e.Linearizable);
        var result = Linearizability.Check(new KeyValueSpec(), JepsenHistory.Read(Path.Combine(DataDirectory, file)));

        Assert.True(result.IsViolation);
        Assert.NotNull(result.Counterexample);
        Assert.Contains(result.Counterexample!, c => c.Id == result.FailingCall!.Id);
        Assert.Contains("<<", result.ToText(), StringComparison.Ordinal);
    }
}
