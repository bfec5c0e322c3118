namespace Weave.Harness;

/// <summary>
/// A call recorded by <see cref="History{TOp, TResult}.Invoke(TOp)"/>: call <see cref="Return"/> with
/// its result when the operation completes. A call never returned stays pending in the history.
/// </summary>
/// <typeparam name="TOp">The operation type.</typeparam>
/// <typeparam name="TResult">The result type.</typeparam>
public readonly struct HistoryCall<TOp, TResult>
{
    private readonly History<TOp, TResult>.Record? _record;
    private readonly History<TOp, TResult>? _history;

    internal HistoryCall(History<TOp, TResult> history, History<TOp, TResult>.Record record)
    {
        _history = history;
        _record = record;
    }

    /// <summary>The operation this call records.</summary>
    /// <exception cref="InvalidOperationException">This is a default value, not a call made by <see cref="History{TOp, TResult}.Invoke(TOp)"/>.</exception>
    public TOp Op => Checked().Op;

    /// <summary>Records the call's response: <paramref name="result"/>, at the next tick of the history's clock.</summary>
    /// <param name="result">What the operation returned (or, encoded in <typeparamref name="TResult"/>, what it threw).</param>
    /// <exception cref="InvalidOperationException">The call has already returned, or this is a default value.</exception>
    public void Return(TResult result) => _history!.Respond(Checked(), result, fault: null);

    /// <summary>
    /// Records that the call ended by a fault that, by contract, leaves no effect — an interrupt or a
    /// cancellation — at the next tick of the history's clock. The checker then verifies exactly that: the
    /// history must be linearizable without this call.
    /// </summary>
    /// <param name="fault">What ended it, as the tables show it: "interrupted", "cancelled".</param>
    /// <exception cref="ArgumentException"><paramref name="fault"/> is null or blank.</exception>
    /// <exception cref="InvalidOperationException">The call has already returned, or this is a default value.</exception>
    public void ReturnNoEffect(string fault)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fault);
        _history!.Respond(Checked(), default!, fault);
    }

    private History<TOp, TResult>.Record Checked() =>
        _record ?? throw new InvalidOperationException("This HistoryCall is a default value; calls come from History.Invoke.");
}
