namespace Weave.Harness;

/// <summary>
/// A register with read, write, compare-and-set and append, and absent values — or, when operations name
/// keys, a map whose keys are independent registers (checked one partition per key, P-compositionality).
/// The model of Jepsen's etcd and Porcupine's key-value tests. State: the key's value (null: absent).
/// </summary>
/// <param name="initial">The value before any call (default: absent).</param>
public sealed class KeyValueSpec(string? initial = null) : ISequentialSpec<string?, KvOp, KvResult>
{
    /// <inheritdoc/>
    public string? Initial => initial;

    /// <inheritdoc/>
    public (bool Legal, string? Next) Step(string? state, KvOp op, KvResult result)
    {
        ArgumentNullException.ThrowIfNull(op);
        ArgumentNullException.ThrowIfNull(result);
        return op.Kind switch
        {
            KvOpKind.Read => (string.Equals(state, result.Value, StringComparison.Ordinal), state),
            KvOpKind.Write => (true, op.Value),
            KvOpKind.Cas => string.Equals(state, op.Expected, StringComparison.Ordinal)
                ? (result.Ok, op.Value)
                : (!result.Ok, state),
            _ => (true, (state ?? "") + op.Value),
        };
    }

    /// <summary>No operation waits: a call of this object still blocked at the end is never legal.</summary>
    /// <inheritdoc/>
    public bool? Blocks(string? state, KvOp op) => false;

    /// <inheritdoc/>
    public IEnumerable<KvResult>? PendingResults(string? state, KvOp op) => op.Kind switch
    {
        KvOpKind.Read => [KvResult.Of(state)],
        KvOpKind.Cas => [string.Equals(state, op.Expected, StringComparison.Ordinal) ? KvResult.Done : KvResult.Failed],
        _ => [KvResult.Done],
    };

    /// <inheritdoc/>
    public object? PartitionKey(KvOp op) => op.Key;

    /// <inheritdoc/>
    public IEqualityComparer<string?> StateComparer => StringComparer.Ordinal;
}
