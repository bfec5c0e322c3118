namespace Weave.Harness;

/// <summary>What a <see cref="FutureOp{T}"/> does.</summary>
public enum FutureOpKind
{
    /// <summary>set_running_or_notify_cancel(): true when it started the work, false when the future was cancelled.</summary>
    SetRunning,

    /// <summary>set_result(value): Ok, or InvalidState when already done.</summary>
    SetResult,

    /// <summary>set_exception(e): Ok, or InvalidState when already done.</summary>
    SetException,

    /// <summary>cancel(): true when (now or already) cancelled.</summary>
    Cancel,

    /// <summary>A blocking result(): the value, Failed (it rethrew the work's exception) or Cancelled.</summary>
    Result,

    /// <summary>result(timeout): as <see cref="Result"/>, or TimedOut while not done.</summary>
    TimedResult,

    /// <summary>done(): true when finished or cancelled.</summary>
    IsDone,
}
