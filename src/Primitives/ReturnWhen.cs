namespace Weave.Primitives;

/// <summary>When <see cref="Futures.Wait"/> returns: Python's FIRST_COMPLETED, FIRST_EXCEPTION and ALL_COMPLETED.</summary>
public enum ReturnWhen
{
    /// <summary>As soon as any future is done (already done ones count).</summary>
    FirstCompleted,

    /// <summary>As soon as any future finishes with an exception; if none does, when all are done.
    /// A cancellation is not an exception.</summary>
    FirstException,

    /// <summary>When every future is done.</summary>
    AllCompleted,
}
