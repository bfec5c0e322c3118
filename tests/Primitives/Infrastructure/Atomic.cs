namespace Weave.Primitives.Tests;

/// <summary>Small lock-free helpers for test bookkeeping.</summary>
internal static class Atomic
{
    /// <summary>Raises <paramref name="target"/> to <paramref name="value"/> if it is larger (a lock-free max).</summary>
    public static void Max(ref int target, int value)
    {
        int current = Volatile.Read(ref target);
        while (value > current)
        {
            int seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
