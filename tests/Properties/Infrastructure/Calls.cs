using Weave.Harness;

namespace Weave.PropertiesTests;

/// <summary>Hand-made histories: each call with its thread, result and explicit invoke/return times.</summary>
internal sealed class Calls<TOp, TResult> : List<HistoryEntry<TOp, TResult>>
{
    public Calls<TOp, TResult> Add(int thread, TOp op, TResult result, long invoked, long returned)
    {
        Add(new HistoryEntry<TOp, TResult>(Count, thread, op, result, invoked, returned));
        return this;
    }

    public Calls<TOp, TResult> Faulted(int thread, TOp op, string fault, long invoked, long returned)
    {
        Add(new HistoryEntry<TOp, TResult>(Count, thread, op, default, invoked, returned) { Fault = fault });
        return this;
    }

    public Calls<TOp, TResult> Blocked(int thread, TOp op, long invoked)
    {
        Add(new HistoryEntry<TOp, TResult>(Count, thread, op, default, invoked, null) { IsBlocked = true });
        return this;
    }

    public Calls<TOp, TResult> Pending(int thread, TOp op, long invoked)
    {
        Add(new HistoryEntry<TOp, TResult>(Count, thread, op, default, invoked, null));
        return this;
    }
}
