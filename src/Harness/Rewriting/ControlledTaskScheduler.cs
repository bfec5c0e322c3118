using System.ComponentModel;
using System.Reflection;
using Microsoft.Coyote.Runtime;

namespace Weave.Harness.Rewriting;

/// <summary>
/// What <c>TaskScheduler.Default</c> means in code Weave rewrote for systematic testing: inside a systematic
/// test iteration, Coyote's controlled scheduler; everywhere else, <see cref="TaskScheduler.Default"/> itself.
/// Not for direct use: Weave.Harness's build step points rewritten assemblies' reads of
/// <c>TaskScheduler.Default</c> here.
/// </summary>
/// <remarks>
/// Why: Coyote 1.7.11 controls <c>Task.Run</c> and <c>Task.Factory.StartNew</c> but leaves
/// <c>Task.ContinueWith(…, TaskScheduler.Default)</c> alone, so such a continuation — common in async libraries,
/// often on a <c>TaskCompletionSource</c> created with <c>RunContinuationsAsynchronously</c> — runs on a real
/// thread-pool thread the scheduler neither sees nor pauses. The test then fails in ways real threads never
/// show (a continuation racing a paused thread, a null reference, a "potential deadlock"). Scheduling those
/// continuations on the controlled scheduler makes them ordinary controlled operations: explored, recorded in
/// the schedule, replayed. Nothing changes outside a systematic test (the property returns the real default).
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ControlledTaskScheduler
{
    private static readonly Type? s_runtime = typeof(SchedulingPoint).Assembly.GetType("Microsoft.Coyote.Runtime.CoyoteRuntime");
    private static readonly PropertyInfo? s_current = s_runtime?.GetProperty("Current", BindingFlags.NonPublic | BindingFlags.Static);
    private static readonly FieldInfo? s_taskFactory = s_runtime?.GetField("TaskFactory", BindingFlags.NonPublic | BindingFlags.Instance);

    /// <summary>The scheduler rewritten code gets where its source said <c>TaskScheduler.Default</c>.</summary>
    /// <remarks>Python counterpart: none (a .NET systematic-testing seam).</remarks>
    public static TaskScheduler Default
    {
        get
        {
            if (CoyoteHook.InControlledTest
                && s_current?.GetValue(null) is { } runtime
                && s_taskFactory?.GetValue(runtime) is TaskFactory { Scheduler: { } controlled })
            {
                return controlled;
            }

            return TaskScheduler.Default;
        }
    }

    /// <summary>True when this Coyote exposes what the redirect reads (checked by the harness's tests).</summary>
    internal static bool Available => s_current is not null && s_taskFactory?.FieldType == typeof(TaskFactory);
}
