namespace Weave.Primitives;

/// <summary>
/// Thrown by a put on a queue that was shut down, and by a get once a shut-down queue is empty.
/// Python 3.13: <c>queue.ShutDown</c>. An <see cref="InvalidOperationException"/>, as .NET's
/// ChannelClosedException.
/// </summary>
public class QueueShutDownException : InvalidOperationException
{
    /// <summary>Creates the exception with the default message.</summary>
    public QueueShutDownException()
        : base("The queue has been shut down.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public QueueShutDownException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public QueueShutDownException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
