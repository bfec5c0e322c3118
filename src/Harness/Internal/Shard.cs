using System.Globalization;

namespace Weave.Harness;

/// <summary>
/// <c>WEAVE_SHARD=i/n</c>: this process is shard <c>i</c> (1-based) of <c>n</c> CI jobs exploring the same tests. Each
/// shard explores with its own seed, derived from the run's base seed and <c>i</c>, and its share of the
/// iterations, so the shards together explore what one run would, in disjoint slices; each writes a
/// <see cref="ShardResult"/> that <c>weave merge</c> combines.
/// </summary>
internal sealed record Shard(int Index, int Count)
{
    internal const string Variable = "WEAVE_SHARD";

    /// <summary>The shard this process is, or null when <c>WEAVE_SHARD</c> is not set.</summary>
    /// <exception cref="ArgumentException">The variable is not <c>i/n</c> with 1 ≤ i ≤ n; the message names it.</exception>
    internal static Shard? FromEnvironment() => Parse(Environment.GetEnvironmentVariable(Variable));

    internal static Shard? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        string[] parts = text.Split('/');
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int index)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int count)
            && count >= 1 && index >= 1 && index <= count
            ? new Shard(index, count)
            : throw new ArgumentException($"{Variable} must be i/n with 1 <= i <= n (for example 2/3); it is '{text}'.");
    }

    /// <summary>
    /// The base seed every shard of a run shares when no seed is given (<c>WEAVE_SEED</c> or
    /// <see cref="SystematicOptions.Seed"/>): a hash of the test's name, so shards agree without talking. Set
    /// <c>WEAVE_SEED</c> to the CI run's number to explore new schedules on every run.
    /// </summary>
    internal static uint DefaultBaseSeed(string testName) => TextHash.Fnv1a(testName) is var hash && hash != 0 ? hash : 1;

    /// <summary>This shard's seed: a SplitMix64 step of (base seed, index), never 0, distinct per index.</summary>
    internal uint SeedFor(uint baseSeed)
    {
        ulong z = ((ulong)baseSeed << 32 | (uint)Index) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        uint seed = (uint)(z ^ (z >> 31));
        return seed == 0 ? 1 : seed;
    }

    /// <summary>This shard's share of <paramref name="iterations"/> (the first <c>iterations % n</c> shards take one
    /// more; at least one each).</summary>
    internal int IterationsFor(int iterations) =>
        Math.Max(1, (iterations / Count) + (Index <= iterations % Count ? 1 : 0));

    public override string ToString() => $"{Index}/{Count}";
}
