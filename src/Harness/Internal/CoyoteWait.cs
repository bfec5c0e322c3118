using System.Reflection;
using Microsoft.Coyote.Runtime;

namespace Weave.Harness.Internal;

/// <summary>
/// Under Coyote: pauses the calling controlled operation until a condition holds, the way Coyote's own controlled
/// waits do (the operation is paused with the condition as its dependency, re-checked at every scheduling step), so
/// a wait for another controlled thread neither spins (which an unfair strategy may schedule forever) nor hides a
/// deadlock. Coyote 1.7.11 has no public API for it; this calls its runtime's <c>PauseOperationUntil</c> by
/// reflection and falls back to yielding in a loop if a Coyote version moved it.
/// </summary>
internal static class CoyoteWait
{
    private static readonly Type? s_runtime = typeof(SchedulingPoint).Assembly.GetType("Microsoft.Coyote.Runtime.CoyoteRuntime");
    private static readonly PropertyInfo? s_current = s_runtime?.GetProperty("Current", BindingFlags.NonPublic | BindingFlags.Static);
    private static readonly MethodInfo? s_pauseUntil = s_runtime?
        .GetMethods(BindingFlags.NonPublic | BindingFlags.Instance)
        .FirstOrDefault(m => m.Name == "PauseOperationUntil" && m.GetParameters() is { Length: 4 } p
                             && p[1].ParameterType == typeof(Func<bool>) && p[2].ParameterType == typeof(bool));

    /// <summary>Returns once <paramref name="condition"/> holds, letting the other controlled threads run meanwhile.</summary>
    /// <param name="condition">Read under Coyote's runtime lock at scheduling steps: cheap, no side effects, no locks.</param>
    /// <param name="what">What is awaited (Coyote's debug log).</param>
    internal static void Until(Func<bool> condition, string what)
    {
        if (condition())
        {
            return;
        }

        if (s_pauseUntil is not null && s_current?.GetValue(null) is { } runtime)
        {
            s_pauseUntil.Invoke(runtime, [null, condition, true, what]);
            return;
        }

        while (!condition())
        {
            SchedulingPoint.Yield();
        }
    }
}
