namespace Weave.Harness;

/// <summary>The verdict on one partition of a history (<see cref="ISequentialSpec{TState, TOp, TResult}.PartitionKey"/>).</summary>
/// <param name="Key">The partition key (null when the spec does not partition).</param>
/// <param name="CallCount">How many calls the partition has.</param>
/// <param name="Verdict">"linearizable", "not linearizable", "undecided (time)", "undecided (memory)", or "not checked" (stopped by a violation elsewhere).</param>
/// <param name="Elapsed">How long its search ran.</param>
public sealed record PartitionVerdict(object? Key, int CallCount, string Verdict, TimeSpan Elapsed);
