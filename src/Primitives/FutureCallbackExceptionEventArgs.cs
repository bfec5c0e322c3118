namespace Weave.Primitives;

/// <summary>A done-callback of a <see cref="Future"/> threw: what <see cref="Future.CallbackFailed"/> receives.</summary>
public sealed class FutureCallbackExceptionEventArgs : EventArgs
{
    /// <summary>Creates the event data.</summary>
    public FutureCallbackExceptionEventArgs(Future future, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(future);
        ArgumentNullException.ThrowIfNull(exception);
        Future = future;
        Exception = exception;
    }

    /// <summary>The future whose callback threw.</summary>
    public Future Future { get; }

    /// <summary>What the callback threw.</summary>
    public Exception Exception { get; }
}
