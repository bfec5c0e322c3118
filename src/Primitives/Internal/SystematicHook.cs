namespace Weave.Primitives;

/// <summary>How the calling thread's waits behave (see <see cref="SystematicHook"/>).</summary>
internal enum WaitMode
{
    /// <summary>Real threads: waits block on the OS and time out on the clock.</summary>
    Real,

    /// <summary>Under the systematic scheduler: a finite wait behaves as infinite (plain Coyote).</summary>
    Controlled,

    /// <summary>Under the systematic scheduler with ExploreTimeouts: a finite wait may time out at
    /// any scheduling point, chosen by the scheduler.</summary>
    ControlledWithTimeouts,
}

/// <summary>
/// What Weave.Harness installs while it explores interleavings with Coyote. Implementations
/// answer for the calling thread only, so real-thread tests running beside a systematic test in
/// the same process keep <see cref="WaitMode.Real"/>.
/// </summary>
internal interface ISystematicHook
{
    /// <summary>The wait mode of the calling thread.</summary>
    WaitMode CurrentMode { get; }
}

/// <summary>
/// The internal seam between Weave's waits and the systematic harness. Null (one static read,
/// nothing else) unless Weave.Harness installed a hook.
/// </summary>
internal static class SystematicHook
{
    /// <summary>The installed hook, or null. Written by Weave.Harness only.</summary>
    internal static volatile ISystematicHook? s_instance;

    /// <summary>The calling thread's wait mode.</summary>
    internal static WaitMode CurrentMode
    {
        get
        {
            ISystematicHook? hook = s_instance;
            return hook is null ? WaitMode.Real : hook.CurrentMode;
        }
    }
}
