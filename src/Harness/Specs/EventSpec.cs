namespace Weave.Harness;

/// <summary>The sequential spec of <c>Event</c> (Python's <c>threading.Event</c>). The state is the flag.</summary>
/// <remarks>Python guarantees that a waiter woken by <c>set()</c> returns true even if <c>clear()</c>
/// follows at once (gh-57711); linearizability captures it: the wait takes effect while the flag is set.</remarks>
public sealed class EventSpec : ISequentialSpec<bool, EventOp, bool>
{
    /// <inheritdoc/>
    public bool Initial => false;

    /// <inheritdoc/>
    public (bool Legal, bool Next) Step(bool state, EventOp op, bool result) => op switch
    {
        EventOp.Set => (true, true),
        EventOp.Clear => (true, false),
        EventOp.IsSet or EventOp.TimedWait => (result == state, state),
        EventOp.Wait => (state && result, state),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "Unknown event operation."),
    };

    /// <summary>A wait (timed or not) waits while the flag is clear; nothing else waits.</summary>
    /// <inheritdoc/>
    public bool? Blocks(bool state, EventOp op) => op is EventOp.Wait or EventOp.TimedWait && !state;

    /// <inheritdoc/>
    public IEnumerable<bool> PendingResults(bool state, EventOp op) => [state || op is EventOp.Set or EventOp.Clear];
}
