namespace Weave.Harness;

/// <summary>The state of <see cref="SetSpec"/> and <see cref="StackSpec"/>: the elements (a set's sorted, a stack's top first).</summary>
/// <param name="Items">The elements.</param>
public sealed record CollectionState(System.Collections.Immutable.ImmutableList<string> Items)
{
    /// <summary>No element.</summary>
    public static CollectionState Empty { get; } = new(System.Collections.Immutable.ImmutableList<string>.Empty);

    /// <inheritdoc/>
    public bool Equals(CollectionState? other) => other is not null && Items.SequenceEqual(other.Items, StringComparer.Ordinal);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (string item in Items)
        {
            hash.Add(item, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc/>
    public override string ToString() => $"[{string.Join(", ", Items)}]";
}
