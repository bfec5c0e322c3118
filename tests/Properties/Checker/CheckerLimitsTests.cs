using Weave.Harness;

namespace Weave.PropertiesTests.Checker;

/// <summary>
/// The checker's limits: partitions searched at once, where a hard partition never hides a violation in another;
/// a memory budget that ends the search without a verdict instead of an out-of-memory crash.
/// </summary>
public sealed class CheckerLimitsTests(ITestOutputHelper output)
{
    [Fact]
    public void ManyKeys_OneHardPartitionAndViolationsElsewhere_GetTheViolationVerdictFast()
    {
        var calls = new List<HistoryEntry<KvOp, KvResult>>();
        HardPartition(calls, "hard", writers: 26);
        for (int key = 0; key < 9; key++)
        {
            StaleRead(calls, $"k{key}");
        }

        var result = Linearizability.Check(new KeyValueSpec(), calls, new LinearizabilityOptions { Budget = TimeSpan.FromSeconds(60) });

        output.WriteLine($"{result.Summary} in {result.Elapsed.TotalMilliseconds:0} ms; partitions: {string.Join(", ", result.Partitions.Select(p => $"{p.Key}={p.Verdict}"))}");
        Assert.True(result.IsViolation, result.Summary);
        Assert.Equal(10, result.PartitionCount);
        Assert.Contains(result.Partitions, p => p.Verdict == "not linearizable");
        Assert.DoesNotContain(result.Partitions, p => (string?)p.Key == "hard" && p.Verdict == "linearizable");
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(30), $"the violation took {result.Elapsed}: the hard partition held it up");
        Assert.NotNull(result.FailingCall);
    }

    [Fact]
    public void HardHistory_WithASmallMemoryBudget_EndsUndecidedSayingWhy()
    {
        var calls = new List<HistoryEntry<KvOp, KvResult>>();
        HardPartition(calls, null, writers: 28);

        var result = Linearizability.Check(new KeyValueSpec(), calls, new LinearizabilityOptions { Budget = TimeSpan.FromMinutes(5), MemoryBudget = 48L * 1024 * 1024 });

        output.WriteLine(result.Summary);
        Assert.True(result.TimedOut, result.Summary);
        Assert.False(result.IsLinearizable);
        Assert.False(result.IsViolation);
        Assert.Contains("memory budget of 48 MB", result.UndecidedReason, StringComparison.Ordinal);
    }

    [Fact]
    public void HardHistory_WithAShortTimeBudget_EndsUndecidedSayingWhy()
    {
        var calls = new List<HistoryEntry<KvOp, KvResult>>();
        HardPartition(calls, null, writers: 28);

        var result = Linearizability.Check(new KeyValueSpec(), calls, TimeSpan.FromMilliseconds(200));

        Assert.True(result.TimedOut);
        Assert.Contains("time budget", result.UndecidedReason, StringComparison.Ordinal);
        Assert.Contains("No verdict", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_OutOfRange_AreRefusedNamingTheOption()
    {
        var calls = new List<HistoryEntry<KvOp, KvResult>>();
        var spec = new KeyValueSpec();

        Assert.Equal("MemoryBudget", Assert.Throws<ArgumentOutOfRangeException>(() => Linearizability.Check(spec, calls, new LinearizabilityOptions { MemoryBudget = 10 })).ParamName);
        Assert.Equal("Parallelism", Assert.Throws<ArgumentOutOfRangeException>(() => Linearizability.Check(spec, calls, new LinearizabilityOptions { Parallelism = 0 })).ParamName);
        Assert.Equal("Budget", Assert.Throws<ArgumentOutOfRangeException>(() => Linearizability.Check(spec, calls, new LinearizabilityOptions { Budget = TimeSpan.Zero })).ParamName);
    }

    // Many concurrent writes of distinct values, then two reads, one after the other, that disagree: no order
    // explains it, but proving so means trying every order of the writes (the memo holds 2^writers sets).
    private static void HardPartition(List<HistoryEntry<KvOp, KvResult>> calls, string? key, int writers)
    {
        long t = 1;
        long end = 2 * writers + 10;
        for (int w = 0; w < writers; w++)
        {
            calls.Add(new(calls.Count, w, KvOp.Write($"v{w}", key), KvResult.Done, t++, end - w));
        }

        calls.Add(new(calls.Count, writers, KvOp.Read(key), KvResult.Of("v0"), end + 1, end + 2));
        calls.Add(new(calls.Count, writers, KvOp.Read(key), KvResult.Of("v1"), end + 3, end + 4));
    }

    // A write, then a read that returns the old (absent) value after the write returned.
    private static void StaleRead(List<HistoryEntry<KvOp, KvResult>> calls, string key)
    {
        calls.Add(new(calls.Count, 100, KvOp.Write("1", key), KvResult.Done, 1000 + calls.Count, 1001 + calls.Count));
        calls.Add(new(calls.Count, 101, KvOp.Read(key), KvResult.Of(null), 1100 + calls.Count, 1101 + calls.Count));
    }
}
