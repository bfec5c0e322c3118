using Microsoft.Extensions.ObjectPool;
using Weave.Harness;

namespace Weave.FieldCatalog;

/// <summary>
/// Microsoft.Extensions.ObjectPool 2.1.0: <c>DefaultObjectPool.Get</c> could hand one pooled object to two callers
/// (dotnet/extensions#394, aspnet/Home#3493; fixed by dotnet/extensions#398 for 2.2.0). Two callers race for the
/// last retained object in the scan: the loser's compare-exchange fails, the loop ends, and the buggy version
/// returns the value it read anyway — the object the winner now holds.
/// </summary>
internal static class FieldCase
{
    public const string Name = "object-pool-double-get";

    /// <summary>The body stress runs on real threads.</summary>
    public static Func<Task>? StressBody => Test;

    /// <summary>Explores the test against the referenced package version.</summary>
    public static SystematicReport Run(SystematicOptions options) => Systematic.Explore(Test, options, Name);

    public static async Task Test()
    {
        // Retains 2: one in the fast slot, one in the scanned array.
        var pool = new DefaultObjectPool<Box>(new DefaultPooledObjectPolicy<Box>(), 2);
        pool.Return(new Box());
        pool.Return(new Box());
        _ = pool.Get(); // empties the fast slot, so both callers below scan for the last object

        var first = Task.Run(pool.Get);
        var second = Task.Run(pool.Get);
        var (a, b) = (await first, await second);
        if (ReferenceEquals(a, b))
        {
            throw new InvalidOperationException("the pool handed the same object to two callers at once");
        }
    }

    /// <summary>The pooled type.</summary>
    internal sealed class Box;
}
