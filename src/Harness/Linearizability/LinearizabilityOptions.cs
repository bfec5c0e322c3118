using System.Globalization;

namespace Weave.Harness;

/// <summary>Limits of a linearizability check (<see cref="Linearizability.Check{TState, TOp, TResult}(ISequentialSpec{TState, TOp, TResult}, IReadOnlyList{HistoryEntry{TOp, TResult}}, LinearizabilityOptions)"/>).</summary>
/// <remarks>
/// Reaching either budget ends the check without a verdict (<see cref="LinearizabilityResult.TimedOut"/>, with
/// <see cref="LinearizabilityResult.UndecidedReason"/> saying which), never with a wrong one and never with an
/// out-of-memory crash. Porcupine has the same two knobs (a timeout; Go's heap is the other).
/// </remarks>
public sealed record LinearizabilityOptions
{
    /// <summary>The memory budget used when none is given: <c>WEAVE_CHECK_MEMORY_MB</c>, else 2,048 MB (fits a CI box).</summary>
    public static long DefaultMemoryBudget =>
        long.TryParse(Environment.GetEnvironmentVariable("WEAVE_CHECK_MEMORY_MB"), NumberStyles.None, CultureInfo.InvariantCulture, out long mb) && mb > 0
            ? mb * 1024 * 1024
            : 2048L * 1024 * 1024;

    /// <summary>How long the whole check may take (default <see cref="Linearizability.DefaultBudget"/>, 10 s).</summary>
    public TimeSpan Budget { get; init; } = Linearizability.DefaultBudget;

    /// <summary>How much the managed heap may grow while searching, in bytes (default <see cref="DefaultMemoryBudget"/>).</summary>
    public long MemoryBudget { get; init; } = DefaultMemoryBudget;

    /// <summary>How many partitions are searched at once (default: the core count). Partitions come from
    /// <see cref="ISequentialSpec{TState, TOp, TResult}.PartitionKey"/>; the first violation in any of them ends the check.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Budget, TimeSpan.Zero, nameof(Budget));
        ArgumentOutOfRangeException.ThrowIfLessThan(MemoryBudget, 1024 * 1024, nameof(MemoryBudget));
        ArgumentOutOfRangeException.ThrowIfLessThan(Parallelism, 1, nameof(Parallelism));
    }
}
