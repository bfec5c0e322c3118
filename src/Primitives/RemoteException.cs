namespace Weave.Primitives;

/// <summary>
/// An exception raised in another process (a pool worker, or the process that hosts a pipe or a
/// queue). When the original type can be rebuilt from its message, callers see that type, with this
/// exception (the other process's stack trace) as its <see cref="Exception.InnerException"/> if the
/// type has a (message, inner) constructor, and the stack trace in <see cref="Exception.Data"/> under
/// <see cref="StackTraceKey"/> either way; otherwise they see this exception. Python: the <c>_RemoteTraceback</c> set as
/// <c>__cause__</c> of an exception re-raised from a worker.
/// </summary>
public sealed class RemoteException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="remoteType">The assembly-qualified name of the exception's type in the other process.</param>
    /// <param name="message">The exception's message.</param>
    /// <param name="remoteStackTrace">The exception as the other process printed it (type, message, stack).</param>
    public RemoteException(string remoteType, string message, string? remoteStackTrace)
        : base(message)
    {
        RemoteType = remoteType;
        RemoteStackTrace = remoteStackTrace;
    }

    /// <summary>
    /// The key under which an exception rebuilt from another process carries that process's stack
    /// trace in <see cref="Exception.Data"/> (also when its type has no constructor taking an inner exception).
    /// </summary>
    public const string StackTraceKey = "Weave.RemoteStackTrace";

    /// <summary>The assembly-qualified name of the exception's type in the other process.</summary>
    public string RemoteType { get; }

    /// <summary>The exception as the other process printed it: type, message and stack trace.</summary>
    public string? RemoteStackTrace { get; }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{base.ToString()}{Environment.NewLine}--- in the other process ---{Environment.NewLine}{RemoteStackTrace}";
}
