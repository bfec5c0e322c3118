namespace Weave.Primitives;

/// <summary>
/// An executor can no longer run work: a thread initializer failed, or a worker process died.
/// Pending futures fail with it and later submits throw it. Python:
/// <c>concurrent.futures.BrokenExecutor</c> (a RuntimeError, hence an <see cref="InvalidOperationException"/>).
/// </summary>
public class BrokenExecutorException : InvalidOperationException
{
    /// <summary>Creates the exception with the default message.</summary>
    public BrokenExecutorException()
        : base("The executor is broken and cannot run work any more.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public BrokenExecutorException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that broke the executor.</summary>
    public BrokenExecutorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
