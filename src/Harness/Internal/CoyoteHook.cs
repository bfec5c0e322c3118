using Weave.Primitives;

namespace Weave.Harness;

/// <summary>
/// Weave.Primitives' systematic-testing hook: tells a wait whether it runs under Coyote and whether
/// timed waits may time out there. The answer is per test run (an async-local value set at the
/// start of the test body, which flows into every thread the test starts), so real-thread tests
/// running beside a systematic test in the same process are unaffected.
/// </summary>
internal sealed class CoyoteHook : ISystematicHook
{
    private static readonly CoyoteHook s_instance = new();
    private static readonly AsyncLocal<WaitMode?> s_mode = new();

    public WaitMode CurrentMode => s_mode.Value ?? WaitMode.Real;

    /// <summary>Installs the hook (once per process).</summary>
    internal static void Install() => Interlocked.CompareExchange(ref SystematicHook.s_instance, s_instance, null);

    /// <summary>Called first thing in the controlled test body.</summary>
    internal static void EnterControlledTest(bool exploreTimeouts) =>
        s_mode.Value = exploreTimeouts ? WaitMode.ControlledWithTimeouts : WaitMode.Controlled;
}
