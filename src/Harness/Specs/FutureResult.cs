namespace Weave.Harness;

/// <summary>The result of a future operation (<see cref="FutureSpec{T}"/>).</summary>
/// <typeparam name="T">The result type.</typeparam>
/// <param name="Outcome">How it ended.</param>
/// <param name="Value">The value result() returned.</param>
/// <param name="Flag">The boolean SetRunning, Cancel or IsDone returned.</param>
public sealed record FutureResult<T>(FutureOutcome Outcome, T? Value = default, bool Flag = false)
{
    /// <summary>Returned without a value.</summary>
    public static FutureResult<T> Ok { get; } = new(FutureOutcome.Ok);

    /// <summary>result() rethrew the work's exception.</summary>
    public static FutureResult<T> Failed { get; } = new(FutureOutcome.Failed);

    /// <summary>result() saw the future cancelled.</summary>
    public static FutureResult<T> Cancelled { get; } = new(FutureOutcome.Cancelled);

    /// <summary>result(timeout) timed out.</summary>
    public static FutureResult<T> TimedOut { get; } = new(FutureOutcome.TimedOut);

    /// <summary>The call threw InvalidOperationException.</summary>
    public static FutureResult<T> InvalidState { get; } = new(FutureOutcome.InvalidState);

    /// <summary>Returned a boolean.</summary>
    /// <param name="flag">The boolean.</param>
    public static FutureResult<T> Of(bool flag) => new(FutureOutcome.Flag, Flag: flag);

    /// <summary>result() returned <paramref name="value"/>.</summary>
    /// <param name="value">The value.</param>
    public static FutureResult<T> Returned(T value) => new(FutureOutcome.Value, value);

    /// <inheritdoc/>
    public override string ToString() => Outcome switch
    {
        FutureOutcome.Value => $"{Value}",
        FutureOutcome.Flag => Flag ? "true" : "false",
        _ => Outcome.ToString(),
    };
}
