namespace Weave.Primitives;

/// <summary>
/// Thrown when a get on an empty queue could not complete without blocking, or within its timeout. Python: <c>queue.Empty</c>.
/// The <c>Try…</c> methods report the same outcome as <c>false</c> instead.
/// </summary>
public class QueueEmptyException : Exception
{
    /// <summary>Creates the exception with the default message.</summary>
    public QueueEmptyException()
        : base("The queue is empty.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public QueueEmptyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public QueueEmptyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
