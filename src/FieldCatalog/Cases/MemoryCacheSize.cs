using System.Collections.Immutable;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.Extensions.Caching.Memory;
using Weave.Harness;

namespace Weave.FieldCatalog;

/// <summary>
/// Microsoft.Extensions.Caching.Memory 9.0–10.0: with a SizeLimit, a Set that replaces an entry while another thread
/// removes that entry subtracts the old entry's size twice (dotnet/runtime#129186, fixed by #129215): the Set
/// subtracts it speculatively before swapping the entry in, the Remove subtracts it again. The size drifts below
/// the entries' total (eventually negative, and then every Set is silently rejected). Found here with no
/// bug-specific assertion: generated scenarios (Set, Get, Remove on two keys from two threads, after a sequential
/// init part) checked against a sequential model of a cache, the size read in the post part, once the threads
/// have joined, because the cache documents its size as eventually consistent.
/// </summary>
internal static class FieldCase
{
    public const string Name = "memory-cache-size";

    private const int Scenarios = 40;

    /// <summary>Stress of generated scenarios is not part of this entry (the hunt table says n/a).</summary>
    public static Func<Task>? StressBody => null;

    /// <summary>Explores generated scenarios (a fixed FsCheck seed) until one fails; the budget is shared among them.</summary>
    public static SystematicReport Run(SystematicOptions options)
    {
        var spec = CacheSpec();
        var scenarios = Gen.Sample(Weave.Harness.Scenarios.Gen(spec, threads: 2, opsPerThread: 2, initOps: 2, postOps: 1), Scenarios, new Rnd(2026), 3);
        int replaying = ReplayedScenario();
        var perScenario = options with { Iterations = Math.Max(1, options.Iterations / Scenarios) };
        SystematicReport? last = null;
        int iterations = 0;
        var elapsed = TimeSpan.Zero;
        for (int i = 0; i < scenarios.Length; i++)
        {
            if (replaying >= 0 && i != replaying)
            {
                continue;
            }

            var report = Systematic.ExploreScenario(spec, scenarios[i], perScenario, $"{Name}#{i}");
            iterations += report.Iterations;
            elapsed += report.Elapsed;
            if (report.BugFound || report.IsReplay)
            {
                return report.IterationOfFirstBug is { } at && !report.IsReplay
                    ? Copy(report, iterations, iterations - report.Iterations + at, elapsed)
                    : report;
            }

            last = report;
        }

        return last is null ? throw new InvalidOperationException("no scenario generated") : Copy(last, iterations, null, elapsed);
    }

    // The run over all scenarios as one report: iterations and time summed, the first bug's iteration counted from the start.
    private static SystematicReport Copy(SystematicReport report, int iterations, int? firstBug, TimeSpan elapsed) =>
        new()
        {
            TestName = report.TestName, BugFound = report.BugFound, Bug = report.Bug, Iterations = iterations,
            IterationOfFirstBug = firstBug, Elapsed = elapsed, ScheduleFile = report.ScheduleFile,
            ReplayCommand = report.ReplayCommand, UncontrolledInvocations = report.UncontrolledInvocations,
            Strategy = report.Strategy, Seed = report.Seed, IsReplay = report.IsReplay, Interleaving = report.Interleaving,
            InconclusiveIterations = report.InconclusiveIterations, Hint = report.Hint,
        };

    // Under WEAVE_REPLAY, only the scenario the schedule was recorded for runs (its name ends in #index).
    private static int ReplayedScenario()
    {
        if (Environment.GetEnvironmentVariable("WEAVE_REPLAY") is not { Length: > 0 } file || !File.Exists(file))
        {
            return -1;
        }

        using var json = JsonDocument.Parse(File.ReadAllText(file));
        string test = json.RootElement.TryGetProperty("test", out var t) ? t.GetString() ?? "" : "";
        int hash = test.LastIndexOf('#');
        return hash >= 0 && int.TryParse(test[(hash + 1)..], out int index) ? index : -1;
    }

    private static ConcurrentSpec<MemoryCache, ImmutableHashSet<int>, CacheOp, long> CacheSpec() =>
        new(
            () => new MemoryCache(new MemoryCacheOptions { SizeLimit = 100, TrackStatistics = true }),
            new Model(),
            Gen.OneOf(
                Gen.Choose(0, 1).Select(k => new CacheOp("Set", k)),
                Gen.Choose(0, 1).Select(k => new CacheOp("Remove", k)),
                Gen.Choose(0, 1).Select(k => new CacheOp("Get", k))),
            Apply)
        {
            InitOps = Gen.Choose(0, 1).Select(k => new CacheOp("Set", k)),
            PostOps = Gen.Constant(new CacheOp("Size", 0)),
            QuiescentOnly = op => op.Kind == "Size", // documented as eventually consistent
        };

    private static long Apply(MemoryCache cache, CacheOp op)
    {
        switch (op.Kind)
        {
            case "Set":
                cache.Set(op.Key, op.Key, new MemoryCacheEntryOptions { Size = 1 });
                return 0;
            case "Remove":
                cache.Remove(op.Key);
                return 0;
            case "Get":
                return cache.TryGetValue(op.Key, out _) ? 1 : 0;
            default:
                return cache.GetCurrentStatistics()?.CurrentEstimatedSize ?? -1;
        }
    }

    /// <summary>A cache operation on key 0 or 1, or the cache's size.</summary>
    internal sealed record CacheOp(string Kind, int Key)
    {
        public override string ToString() => Kind == "Size" ? "Size" : $"{Kind}({Key})";
    }

    /// <summary>The sequential model: the set of keys present; every entry has size 1, far below the limit.</summary>
    private sealed class Model : ISequentialSpec<ImmutableHashSet<int>, CacheOp, long>
    {
        public ImmutableHashSet<int> Initial => [];

        public (bool Legal, ImmutableHashSet<int> Next) Step(ImmutableHashSet<int> state, CacheOp op, long result) => op.Kind switch
        {
            "Set" => (result == 0, state.Add(op.Key)),
            "Remove" => (result == 0, state.Remove(op.Key)),
            "Get" => (result == (state.Contains(op.Key) ? 1 : 0), state),
            _ => (result == state.Count, state),
        };

        public bool? Blocks(ImmutableHashSet<int> state, CacheOp op) => false;
    }
}
