namespace Weave.Harness;

/// <summary>A LIFO stack of strings: push, pop (the top, or <c>ok</c> false when empty), size.</summary>
public sealed class StackSpec : ISequentialSpec<CollectionState, CollectionOp, CollectionResult>
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
        return op.Kind switch
        {
            CollectionOpKind.Push => (true, new(items.Insert(0, op.Value ?? ""))),
            CollectionOpKind.Pop when items.Count == 0 => (!result.Ok, state),
            CollectionOpKind.Pop => (result.Ok && result.Value == items[0], new(items.RemoveAt(0))),
            CollectionOpKind.Size => (result.Count == items.Count, state),
            _ => throw new ArgumentOutOfRangeException(nameof(op), op, "A stack pushes, pops and has a size."),
        };
    }

    /// <summary>No operation waits: a call of this object still blocked at the end is never legal.</summary>
    /// <inheritdoc/>
    public bool? Blocks(CollectionState state, CollectionOp op) => false;

    /// <inheritdoc/>
    public IEnumerable<CollectionResult>? PendingResults(CollectionState state, CollectionOp op) => op.Kind switch
    {
        CollectionOpKind.Pop => [state.Items.Count == 0 ? new CollectionResult(false) : new CollectionResult(Value: state.Items[0])],
        CollectionOpKind.Size => [new CollectionResult(Count: state.Items.Count)],
        _ => [new CollectionResult()],
    };
}
