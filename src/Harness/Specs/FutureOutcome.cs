namespace Weave.Harness;

/// <summary>How a future operation ended (<see cref="FutureResult{T}"/>).</summary>
public enum FutureOutcome
{
    /// <summary>It returned: a flag (SetRunning, Cancel, IsDone), a value (Result), or nothing (SetResult, SetException).</summary>
    Ok,

    /// <summary>result() rethrew the work's exception.</summary>
    Failed,

    /// <summary>result() threw OperationCanceledException.</summary>
    Cancelled,

    /// <summary>result(timeout) threw TimeoutException.</summary>
    TimedOut,

    /// <summary>InvalidOperationException: the future was already done (set_result/set_exception), or running/finished (set_running).</summary>
    InvalidState,
}
