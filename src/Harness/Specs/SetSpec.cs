namespace Weave.Harness;

/// <summary>
/// A set of strings: add, remove, contains, read (all elements), size. The model of Jepsen's set workload
/// (adds, then reads that must see every acknowledged add).
/// </summary>
public sealed class SetSpec : ISequentialSpec<CollectionState, CollectionOp, CollectionResult>
{
    /// <inheritdoc/>
    public CollectionState Initial => CollectionState.Empty;

    /// <inheritdoc/>
    public (bool Legal, CollectionState Next) Step(CollectionState state, CollectionOp op, CollectionResult result)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(op);
        ArgumentNullException.ThrowIfNull(result);
        var items = state.Items;
        int index = op.Value is null ? -1 : items.BinarySearch(op.Value, StringComparer.Ordinal);
        return op.Kind switch
        {
            CollectionOpKind.Add => (true, index >= 0 ? state : new(items.Insert(~index, op.Value!))),
            CollectionOpKind.Remove => (true, index < 0 ? state : new(items.RemoveAt(index))),
            CollectionOpKind.Contains => (result.Ok == index >= 0, state),
            CollectionOpKind.Read => (result.Values is not null && result.Values.Count == items.Count
                && result.Values.Order(StringComparer.Ordinal).SequenceEqual(items, StringComparer.Ordinal), state),
            CollectionOpKind.Size => (result.Count == items.Count, state),
            _ => throw new ArgumentOutOfRangeException(nameof(op), op, "A set does not push or pop."),
        };
    }

    /// <summary>No operation waits: a call of this object still blocked at the end is never legal.</summary>
    /// <inheritdoc/>
    public bool? Blocks(CollectionState state, CollectionOp op) => false;

    /// <inheritdoc/>
    public IEnumerable<CollectionResult>? PendingResults(CollectionState state, CollectionOp op) => op.Kind switch
    {
        CollectionOpKind.Contains => [new CollectionResult(state.Items.BinarySearch(op.Value!, StringComparer.Ordinal) >= 0)],
        CollectionOpKind.Read => [new CollectionResult(Values: state.Items)],
        CollectionOpKind.Size => [new CollectionResult(Count: state.Items.Count)],
        _ => [new CollectionResult()],
    };
}
