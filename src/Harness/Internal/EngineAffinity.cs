using System.Runtime.InteropServices;

namespace Weave.Harness;

/// <summary>
/// Keeps each engine of a parallel exploration on a CPU of its own (Linux): the thread that runs an engine's
/// iterations is pinned to the engine's CPU while an iteration runs, and every thread the iteration starts inherits
/// that (Coyote's reused threads are reused only by threads with the same affinity). On the 2-core CI VM a thread's
/// start and exit, most of an iteration's cost, is 150–180 µs when its wake-ups cross CPUs and about 95 µs when
/// they do not; two engines sharing both CPUs therefore got 1.3–1.5× one engine's iterations per second. Off with
/// <c>WEAVE_ENGINE_AFFINITY=off</c>, and never applied when there are fewer allowed CPUs than engines.
/// </summary>
internal static class EngineAffinity
{
    private const int MaskWords = 16; // 1,024 CPUs.

    [ThreadStatic]
    private static ulong[]? s_saved;

    private static int s_runs;

    /// <summary>The CPUs engine 0…n-1 run on, or null when engines are not pinned.</summary>
    internal static int[]? Plan(int engines)
    {
        if (engines < 2 || !OperatingSystem.IsLinux()
            || string.Equals(Environment.GetEnvironmentVariable("WEAVE_ENGINE_AFFINITY"), "off", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        // Start at a different CPU on every run and in every process, so test processes running side by side
        // (dotnet test runs assemblies at once) spread over the machine instead of all pinning their engines to
        // the first CPUs.
        return Plan(engines, CurrentCpus(), Environment.ProcessId + Interlocked.Increment(ref s_runs));
    }

    /// <summary>Engine k's CPU is <c>cpus[(start + k) % cpus.Length]</c>; null when there are fewer CPUs than engines.</summary>
    internal static int[]? Plan(int engines, int[] cpus, int start)
    {
        if (engines < 2 || cpus.Length < engines)
        {
            return null;
        }

        int offset = (int)((uint)start % (uint)cpus.Length);
        return [.. Enumerable.Range(0, engines).Select(k => cpus[(offset + k) % cpus.Length])];
    }

    /// <summary>The CPUs the calling thread may run on (Linux; empty where that cannot be read).</summary>
    internal static int[] CurrentCpus()
    {
        var mask = new ulong[MaskWords];
        if (!OperatingSystem.IsLinux() || SchedGetAffinity(0, MaskWords * sizeof(ulong), mask) != 0)
        {
            return [];
        }

        var cpus = new List<int>();
        for (int cpu = 0; cpu < MaskWords * 64; cpu++)
        {
            if ((mask[cpu / 64] & (1UL << (cpu % 64))) != 0)
            {
                cpus.Add(cpu);
            }
        }

        return [.. cpus];
    }

    /// <summary>Pins the calling thread to <paramref name="cpu"/>, remembering its affinity for <see cref="Restore"/>.</summary>
    internal static void Pin(int cpu)
    {
        if (s_saved is not null)
        {
            return; // Already pinned (an iteration's end was skipped); the saved affinity stays the original.
        }

        var saved = new ulong[MaskWords];
        if (SchedGetAffinity(0, MaskWords * sizeof(ulong), saved) != 0)
        {
            return;
        }

        var pinned = new ulong[MaskWords];
        pinned[cpu / 64] = 1UL << (cpu % 64);
        if (SchedSetAffinity(0, MaskWords * sizeof(ulong), pinned) == 0)
        {
            s_saved = saved;
        }
    }

    /// <summary>Gives the calling thread back the affinity it had before <see cref="Pin"/>.</summary>
    internal static void Restore()
    {
        if (s_saved is { } saved)
        {
            s_saved = null;
            _ = SchedSetAffinity(0, MaskWords * sizeof(ulong), saved);
        }
    }

    [DllImport("libc", EntryPoint = "sched_getaffinity")]
    private static extern int SchedGetAffinity(int pid, nint size, [Out] ulong[] mask);

    [DllImport("libc", EntryPoint = "sched_setaffinity")]
    private static extern int SchedSetAffinity(int pid, nint size, ulong[] mask);
}
