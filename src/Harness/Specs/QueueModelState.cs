using System.Collections.Immutable;
using System.Text;

namespace Weave.Harness;

/// <summary>The model state of a queue (<see cref="QueueSpec{T}"/>): items, unfinished tasks, shutdown flag. Immutable, compared by value.</summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class QueueModelState<T> : IEquatable<QueueModelState<T>>
{
    private int _hash;

    internal QueueModelState(ImmutableList<T> items, int unfinished, bool isShutDown)
    {
        Items = items;
        Unfinished = unfinished;
        IsShutDown = isShutDown;
    }

    /// <summary>The items, in the order gets take them.</summary>
    public ImmutableList<T> Items { get; }

    /// <summary>Items put and not yet marked done (Python's <c>unfinished_tasks</c>).</summary>
    public int Unfinished { get; }

    /// <summary>True after shutdown().</summary>
    public bool IsShutDown { get; }

    /// <inheritdoc/>
    public bool Equals(QueueModelState<T>? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other.Unfinished != Unfinished || other.IsShutDown != IsShutDown || other.Items.Count != Items.Count
            || (_hash != 0 && other._hash != 0 && _hash != other._hash))
        {
            return false;
        }

        var comparer = EqualityComparer<T>.Default;
        for (int i = 0; i < Items.Count; i++)
        {
            if (!comparer.Equals(Items[i], other.Items[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as QueueModelState<T>);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        if (_hash == 0)
        {
            var hash = new HashCode();
            hash.Add(Unfinished);
            hash.Add(IsShutDown);
            foreach (var item in Items)
            {
                hash.Add(item);
            }

            _hash = hash.ToHashCode() | 1;
        }

        return _hash;
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var text = new StringBuilder("[").AppendJoin(", ", Items).Append(']');
        text.Append(" unfinished=").Append(Unfinished);
        return IsShutDown ? text.Append(" shut down").ToString() : text.ToString();
    }
}
