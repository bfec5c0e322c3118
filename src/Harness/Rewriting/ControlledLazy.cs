using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace Weave.Harness.Rewriting;

/// <summary>
/// What <c>Lazy&lt;T&gt;.Value</c> does in code Weave rewrote for systematic testing: inside a systematic test
/// iteration, the same, but a thread that finds another thread creating the value waits as a controlled
/// operation instead of on the core library's hidden lock; everywhere else, the real <c>Value</c>. Not for direct use:
/// Weave.Harness's build step points rewritten assemblies' reads of <c>Lazy&lt;T&gt;.Value</c> here.
/// </summary>
/// <remarks>
/// Why: a thread-safe <c>Lazy&lt;T&gt;</c> serialises creation on a lock inside the core library, which Coyote does
/// not control. When the scheduler pauses the creating thread and runs a second reader, that reader blocks on the
/// real lock, nothing moves, and the iteration ends as a "potential deadlock" on correct code (caches, options,
/// factories all use <c>Lazy</c>). Here only one controlled thread at a time enters <c>Value</c> while it is not
/// yet created; the others are paused (a controlled wait) until it is, so the creator gets to finish. A read on the
/// creating thread itself (a factory that reads its own lazy) goes straight to <c>Value</c>, which throws as it
/// always does.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ControlledLazy
{
    private static readonly ConditionalWeakTable<object, Gate> s_gates = [];

    /// <summary>Returns <paramref name="lazy"/>'s value as <c>Lazy&lt;T&gt;.Value</c> does.</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="lazy">The lazy value (the instance the replaced call was made on).</param>
    /// <returns>The value.</returns>
    /// <exception cref="NullReferenceException"><paramref name="lazy"/> is null, as the instance call would throw.</exception>
    /// <remarks>Python counterpart: none (a .NET systematic-testing seam).</remarks>
    public static T Value<T>(Lazy<T> lazy)
    {
        if (lazy is null)
        {
            throw new NullReferenceException("Lazy<T>.Value was read on a null reference.");
        }

        if (lazy.IsValueCreated || !CoyoteHook.InControlledTest)
        {
            return lazy.Value;
        }

        Gate gate = s_gates.GetValue(lazy, _ => new Gate());
        int self = Environment.CurrentManagedThreadId;
        if (Volatile.Read(ref gate.Owner) == self)
        {
            return lazy.Value; // recursion: the real Lazy reports it
        }

        while (Interlocked.CompareExchange(ref gate.Owner, self, 0) != 0)
        {
            if (lazy.IsValueCreated)
            {
                return lazy.Value;
            }

            // Paused until the creator finishes (Coyote sees the dependency: no spin, and a creator that never
            // finishes is reported as the deadlock it is).
            Internal.CoyoteWait.Until(() => lazy.IsValueCreated || Volatile.Read(ref gate.Owner) == 0, "a Lazy<T> another thread is creating");
        }

        try
        {
            return lazy.Value;
        }
        finally
        {
            Volatile.Write(ref gate.Owner, 0);
        }
    }

    private sealed class Gate
    {
        public int Owner;
    }
}
