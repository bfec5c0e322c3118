using System.Collections;
using System.Reflection;
using Microsoft.Coyote.Runtime;

namespace Weave.Harness.Internal;

/// <summary>
/// Under Coyote: whether every controlled operation but the calling one is finished or blocked for good (paused
/// on a monitor, a wait handle or a resource, or on a dependency that does not hold) — nothing left that could
/// ever wake the blocked ones. That is Coyote's own deadlock condition, asked about everyone except the harness's
/// thread, which is still running. Coyote 1.7.11 has no public API for it; this reads its runtime's operation
/// table by reflection, and says <see cref="Available"/> = false (the check is then skipped, never guessed) if
/// a Coyote version moved it.
/// </summary>
internal static class CoyoteQuiescence
{
    // Coyote's OperationStatus: None, Enabled, Paused, PausedOnDelay, PausedOnAnyResource, PausedOnAllResources, PausedOnReceive, Completed.
    private const int Paused = 2;
    private const int PausedOnAnyResource = 4;
    private const int PausedOnAllResources = 5;
    private const int PausedOnReceive = 6;
    private const int Completed = 7;

    private static readonly Type? s_runtime = typeof(SchedulingPoint).Assembly.GetType("Microsoft.Coyote.Runtime.CoyoteRuntime");
    private static readonly Type? s_operation = typeof(SchedulingPoint).Assembly.GetType("Microsoft.Coyote.Runtime.ControlledOperation");
    private static readonly PropertyInfo? s_current = s_runtime?.GetProperty("Current", BindingFlags.NonPublic | BindingFlags.Static);
    private static readonly FieldInfo? s_operations = s_runtime?.GetField("OperationMap", BindingFlags.NonPublic | BindingFlags.Instance);
    private static readonly MethodInfo? s_executing = s_runtime?
        .GetMethods(BindingFlags.NonPublic | BindingFlags.Instance)
        .FirstOrDefault(m => m.Name == "GetExecutingOperation" && !m.IsGenericMethodDefinition && m.GetParameters().Length == 0);
    private static readonly FieldInfo? s_status = s_operation?.GetField("Status", BindingFlags.NonPublic | BindingFlags.Instance);
    private static readonly FieldInfo? s_dependency = s_operation?.GetField("Dependency", BindingFlags.NonPublic | BindingFlags.Instance);

    /// <summary>How many times the harness's thread yields to let stragglers (timer racers ending, threads about
    /// to park) settle before it decides. Each yield is a scheduling choice, recorded and replayed.</summary>
    private const int SettleYields = 16;

    /// <summary>True when this Coyote exposes what the check reads.</summary>
    internal static bool Available =>
        s_current is not null && s_operations is not null && s_executing is not null && s_status is not null && s_dependency is not null
        && s_status.FieldType.IsEnum;

    /// <summary>Yields until every other operation is finished or blocked for good, or gives up after a few yields.</summary>
    /// <returns>True when the rest of the test is quiescent: whatever is blocked now stays blocked.</returns>
    internal static bool Settle()
    {
        if (!Available)
        {
            return false;
        }

        for (int i = 0; i < SettleYields; i++)
        {
            if (OthersBlocked())
            {
                return true;
            }

            SchedulingPoint.Yield();
        }

        return OthersBlocked();
    }

    private static bool OthersBlocked()
    {
        object? runtime = s_current!.GetValue(null);
        if (runtime is null || s_operations!.GetValue(runtime) is not IDictionary operations)
        {
            return false;
        }

        object? self = s_executing!.Invoke(runtime, null);
        foreach (object? op in operations.Values)
        {
            if (op is null || ReferenceEquals(op, self))
            {
                continue;
            }

            int status = Convert.ToInt32(s_status!.GetValue(op), System.Globalization.CultureInfo.InvariantCulture);
            bool blocked = status switch
            {
                Completed or PausedOnAnyResource or PausedOnAllResources or PausedOnReceive => true,
                Paused => s_dependency!.GetValue(op) is Func<bool> dependency && !dependency(),
                _ => false, // Enabled, delayed, or not started yet: it may still wake someone.
            };
            if (!blocked)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The Coyote runtime of the calling controlled thread (null outside one, or if Coyote moved it).</summary>
    internal static object? CurrentRuntime() => s_current?.GetValue(null);

    private static readonly PropertyInfo? s_name = s_operation?.GetProperty("Name", BindingFlags.NonPublic | BindingFlags.Instance);
    private static readonly MethodInfo? s_notifyFailure = s_runtime?.GetMethod(
        "NotifyAssertionFailure", BindingFlags.NonPublic | BindingFlags.Instance, [typeof(string)]);

    /// <summary>How long uncontrolled work (thread pool, timers, I/O) gets to complete what the threads wait for
    /// before a suspected deadlock is confirmed, on top of Coyote's one-second monitor.</summary>
    private static readonly TimeSpan s_grace = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Called when Coyote's periodic monitor reports "potential deadlock or hang" (on the monitor's thread, which
    /// holds Coyote's runtime lock): if no controlled operation is running and every unfinished one waits for
    /// something that stays undone for a further grace period, it is a deadlock of the code under test — every
    /// thread waits on a task, lock or event that no thread will ever complete (a lost wake-up, a lock cycle
    /// through awaited tasks) — and the iteration fails as a bug. If some operation is running (spinning in code
    /// the scheduler does not control, the false alarm) or a wait gets satisfied, it returns false and the
    /// iteration stays inconclusive.
    /// </summary>
    /// <returns>True when the deadlock was confirmed and reported to Coyote as the iteration's bug.</returns>
    /// <param name="runtime">The iteration's runtime (the monitor's thread has none of its own to ask; several
    /// engines may run in one process).</param>
    internal static bool ConfirmDeadlock(object? runtime)
    {
        if (!Available || s_notifyFailure is null || s_name is null
            || runtime is null || s_operations!.GetValue(runtime) is not IDictionary operations)
        {
            return false;
        }

        var waiting = new List<object>();
        foreach (object? op in operations.Values)
        {
            if (op is null)
            {
                continue;
            }

            int status = Convert.ToInt32(s_status!.GetValue(op), System.Globalization.CultureInfo.InvariantCulture);
            if (status == Completed)
            {
                continue;
            }

            if (status is not (Paused or PausedOnAnyResource or PausedOnAllResources or PausedOnReceive))
            {
                return false; // running (or about to): the hang is in code the scheduler does not see
            }

            waiting.Add(op);
        }

        if (waiting.Count == 0)
        {
            return false;
        }

        var deadline = DateTime.UtcNow + s_grace;
        do
        {
            foreach (object op in waiting)
            {
                if (Convert.ToInt32(s_status!.GetValue(op), System.Globalization.CultureInfo.InvariantCulture) == Paused
                    && s_dependency!.GetValue(op) is Func<bool> dependency && dependency())
                {
                    return false; // something outside the scheduler completed a wait: not a deadlock
                }
            }

            Thread.Sleep(50); // real time for uncontrolled work; this is Coyote's monitor thread, not a test thread
        }
        while (DateTime.UtcNow < deadline);

        string names = string.Join(", ", waiting.Select(op => s_name.GetValue(op)));
        s_notifyFailure.Invoke(runtime, [
            $"Deadlock detected. {names} {(waiting.Count == 1 ? "waits" : "wait")} for a task, lock or event that no thread will " +
            "complete: no controlled thread can run, and nothing outside the scheduler completed the wait in a further " +
            $"{s_grace.TotalSeconds:0} s (a lost wake-up, or a cycle of waits)."]);
        return true;
    }
}
