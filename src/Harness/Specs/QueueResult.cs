namespace Weave.Harness;

/// <summary>The result of a queue operation (<see cref="QueueSpec{T}"/>).</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="Outcome">How it ended.</param>
/// <param name="Item">The item a get returned.</param>
/// <param name="Count">The size qsize() returned.</param>
public sealed record QueueResult<T>(QueueOutcome Outcome, T? Item = default, int Count = 0)
{
    /// <summary>Success without a value (put, task_done, join, shutdown).</summary>
    public static QueueResult<T> Ok { get; } = new(QueueOutcome.Ok);

    /// <summary>A timed put gave up.</summary>
    public static QueueResult<T> Full { get; } = new(QueueOutcome.Full);

    /// <summary>A timed get gave up.</summary>
    public static QueueResult<T> Empty { get; } = new(QueueOutcome.Empty);

    /// <summary>The queue was shut down.</summary>
    public static QueueResult<T> ShutDown { get; } = new(QueueOutcome.ShutDown);

    /// <summary>task_done() was refused.</summary>
    public static QueueResult<T> TooManyTaskDone { get; } = new(QueueOutcome.TooManyTaskDone);

    /// <summary>A timed join gave up.</summary>
    public static QueueResult<T> TimedOut { get; } = new(QueueOutcome.TimedOut);

    /// <summary>A get returned <paramref name="item"/>.</summary>
    /// <param name="item">The item.</param>
    public static QueueResult<T> Got(T item) => new(QueueOutcome.Item, item);

    /// <summary>qsize() returned <paramref name="count"/>.</summary>
    /// <param name="count">The size.</param>
    public static QueueResult<T> Sized(int count) => new(QueueOutcome.Size, Count: count);

    /// <inheritdoc/>
    public override string ToString() => Outcome switch
    {
        QueueOutcome.Item => $"{Item}",
        QueueOutcome.Size => $"size {Count}",
        _ => Outcome.ToString(),
    };
}
