namespace Weave.Primitives;

/// <summary>
/// An exception that escaped a <see cref="WorkerThread"/>'s <c>Run</c>: what
/// <see cref="WorkerThread.UnhandledException"/> receives. Python: the argument of <c>threading.excepthook</c>.
/// </summary>
public sealed class WorkerThreadExceptionEventArgs : EventArgs
{
    /// <summary>Creates the event data.</summary>
    /// <param name="thread">The thread whose <c>Run</c> threw.</param>
    /// <param name="exception">The exception that escaped.</param>
    public WorkerThreadExceptionEventArgs(WorkerThread thread, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(thread);
        ArgumentNullException.ThrowIfNull(exception);
        Thread = thread;
        Exception = exception;
    }

    /// <summary>The thread whose <c>Run</c> threw. Python: <c>args.thread</c>.</summary>
    public WorkerThread Thread { get; }

    /// <summary>The exception that escaped. Python: <c>args.exc_value</c>.</summary>
    public Exception Exception { get; }
}
