using System.Diagnostics;
using System.Text.Json.Serialization;

namespace Weave.Primitives;

/// <summary>
/// An event hosted by a <see cref="Manager"/> and shared by every process it is passed to: Python's
/// <c>Manager().Event()</c>, with <see cref="Event"/>'s semantics.
/// </summary>
[JsonConverter(typeof(SharedObjectJsonConverterFactory))]
[DebuggerDisplay("Manager event")]
public sealed class SharedEvent : ISharedObject
{
    internal const byte OpSet = 1, OpClear = 2, OpIsSet = 3, OpWait = 4;

    private readonly SharedProxy _proxy;

    internal SharedEvent(SharedProxy proxy) => _proxy = proxy;

    SharedProxy ISharedObject.Proxy => _proxy;

    /// <summary>Whether the flag is set. Python: <c>is_set()</c>.</summary>
    /// <exception cref="ObjectDisposedException">The manager was shut down.</exception>
    /// <exception cref="IOException">The process hosting the manager is gone.</exception>
    public bool IsSet => _proxy.Call<bool>(OpIsSet);

    /// <summary>Sets the flag and wakes every waiter. Python: <c>set()</c>.</summary>
    public void Set() => _proxy.Call(OpSet);

    /// <summary>Clears the flag. Python: <c>clear()</c>.</summary>
    public void Clear() => _proxy.Call(OpClear);

    /// <summary>Waits until the flag is set. Python: <c>wait()</c>.</summary>
    /// <returns>Always true.</returns>
    public bool Wait() => Wait(Timeout.InfiniteTimeSpan);

    /// <summary>Waits at most <paramref name="timeout"/> for the flag. Python: <c>wait(timeout)</c>.</summary>
    /// <returns>True if the flag was set.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    public bool Wait(TimeSpan timeout)
    {
        _ = Deadline.After(timeout);
        return _proxy.Call<bool>(OpWait, SharedRequest.Waiting(timeout));
    }

    /// <inheritdoc/>
    public override string ToString() => "<Manager event>";
}
