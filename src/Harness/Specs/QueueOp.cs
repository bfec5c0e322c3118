namespace Weave.Harness;

/// <summary>An operation on a queue (<see cref="QueueSpec{T}"/>).</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="Kind">The operation.</param>
/// <param name="Item">The item a put puts.</param>
/// <param name="Timed">True for the forms that may give up (no wait, or a timeout): put → Full, get → Empty, join → TimedOut.</param>
/// <param name="Immediate">For Shutdown: shutdown(immediate=True), which drops the items.</param>
public sealed record QueueOp<T>(QueueOpKind Kind, T? Item = default, bool Timed = false, bool Immediate = false)
{
    /// <summary>A blocking put.</summary>
    /// <param name="item">The item.</param>
    public static QueueOp<T> Put(T item) => new(QueueOpKind.Put, item);

    /// <summary>A put that may give up (put_nowait, put with a timeout, TryPut).</summary>
    /// <param name="item">The item.</param>
    public static QueueOp<T> TryPut(T item) => new(QueueOpKind.Put, item, Timed: true);

    /// <summary>A blocking get.</summary>
    public static QueueOp<T> Get() => new(QueueOpKind.Get);

    /// <summary>A get that may give up (get_nowait, get with a timeout, TryGet).</summary>
    public static QueueOp<T> TryGet() => new(QueueOpKind.Get, Timed: true);

    /// <summary>task_done().</summary>
    public static QueueOp<T> TaskDone() => new(QueueOpKind.TaskDone);

    /// <summary>A blocking join().</summary>
    public static QueueOp<T> Join() => new(QueueOpKind.Join);

    /// <summary>A join with a timeout.</summary>
    public static QueueOp<T> TryJoin() => new(QueueOpKind.Join, Timed: true);

    /// <summary>qsize().</summary>
    public static QueueOp<T> Size() => new(QueueOpKind.Size);

    /// <summary>shutdown(immediate).</summary>
    /// <param name="immediate">Drop the items too.</param>
    public static QueueOp<T> Shutdown(bool immediate = false) => new(QueueOpKind.Shutdown, Immediate: immediate);

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        QueueOpKind.Put => Timed ? $"TryPut({Item})" : $"Put({Item})",
        QueueOpKind.Get => Timed ? "TryGet" : "Get",
        QueueOpKind.Join => Timed ? "TryJoin" : "Join",
        QueueOpKind.Shutdown => Immediate ? "Shutdown(immediate)" : "Shutdown",
        _ => Kind.ToString(),
    };
}
