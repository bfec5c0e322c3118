namespace Weave.Harness;

/// <summary>How a future operation ended (<see cref="FutureResult{T}"/>).</summary>
public enum FutureOutcome
{
    /// <summary>It returned nothing (SetResult, SetException).</summary>
    Ok,

    /// <summary>result() returned <see cref="FutureResult{T}.Value"/>.</summary>
    Value,

    /// <summary>SetRunning, Cancel or IsDone returned <see cref="FutureResult{T}.Flag"/>.</summary>
    Flag,

    /// <summary>result() rethrew the work's exception.</summary>
    Failed,

    /// <summary>result() threw OperationCanceledException.</summary>
    Cancelled,

    /// <summary>result(timeout) threw TimeoutException.</summary>
    TimedOut,

    /// <summary>InvalidOperationException: the future was already done (set_result/set_exception), or running/finished (set_running).</summary>
    InvalidState,
}
