namespace Weave.Primitives;

/// <summary>
/// Thrown when a put on a full queue could not complete without blocking, or within its timeout. Python: <c>queue.Full</c>.
/// The <c>Try…</c> methods report the same outcome as <c>false</c> instead.
/// </summary>
public class QueueFullException : Exception
{
    /// <summary>Creates the exception with the default message.</summary>
    public QueueFullException()
        : base("The queue is full.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public QueueFullException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public QueueFullException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
