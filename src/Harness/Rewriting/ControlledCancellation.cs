using System.ComponentModel;
using System.Reflection;

namespace Weave.Harness.Rewriting;

/// <summary>
/// What <c>CancellationTokenRegistration.Dispose</c> does in code Weave rewrote for systematic testing: inside a
/// systematic test iteration, the same, but it waits for a callback running on another thread as a controlled
/// operation instead of spinning; everywhere else, the real <c>Dispose</c>. Not for direct use: Weave.Harness's
/// build step points rewritten assemblies' calls here.
/// </summary>
/// <remarks>
/// Why: <c>Dispose</c> waits until the registration's callback, if it is running on another thread, has finished.
/// The core library waits by spinning, which the scheduler cannot see: when the thread running the callback is the
/// one the scheduler has paused (the callback completed a task, which started a continuation that disposes the
/// registration — the shape of most async wait queues), nothing ever moves and Coyote reports a "potential
/// deadlock" that real threads never have. Here the waiting thread is paused by the scheduler until the callback has finished,
/// so the paused callback gets to run.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ControlledCancellation
{
    // The core library's private nested types declare their fields public.
    private const BindingFlags Instance = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance;
    private static readonly FieldInfo? s_id = typeof(CancellationTokenRegistration).GetField("_id", Instance);
    private static readonly FieldInfo? s_node = typeof(CancellationTokenRegistration).GetField("_node", Instance);
    private static readonly FieldInfo? s_registrations = s_node?.FieldType.GetField("Registrations", Instance);
    private static readonly FieldInfo? s_executing = s_registrations?.FieldType.GetField("ExecutingCallbackId", Instance);
    private static readonly FieldInfo? s_thread = s_registrations?.FieldType.GetField("ThreadIDExecutingCallbacks", Instance);

    /// <summary>Disposes <paramref name="registration"/> as <c>CancellationTokenRegistration.Dispose</c> does.</summary>
    /// <param name="registration">The registration (by reference, as the instance call it replaces).</param>
    /// <remarks>Python counterpart: none (a .NET systematic-testing seam).</remarks>
    public static void Dispose(ref CancellationTokenRegistration registration)
    {
        if (!CoyoteHook.InControlledTest || !Available)
        {
            registration.Dispose();
            return;
        }

        if (registration.Unregister())
        {
            return; // removed before it ran
        }

        // It ran, or it is running: wait for a callback running on another thread, as Dispose does.
        object boxed = registration;
        if (s_node!.GetValue(boxed) is not { } node || s_registrations!.GetValue(node) is not { } registrations)
        {
            return;
        }

        long id = (long)s_id!.GetValue(boxed)!;
        int self = Environment.CurrentManagedThreadId;
        Internal.CoyoteWait.Until(
            () => (long)s_executing!.GetValue(registrations)! != id || (int)s_thread!.GetValue(registrations)! == self,
            "a cancellation callback running on another thread");
    }

    /// <summary>True when this runtime has the fields the controlled wait reads (else the real Dispose runs).</summary>
    internal static bool Available =>
        s_id?.FieldType == typeof(long) && s_executing?.FieldType == typeof(long) && s_thread?.FieldType == typeof(int);
}
