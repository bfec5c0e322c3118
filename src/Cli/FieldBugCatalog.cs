namespace Weave.Cli;

/// <summary>The field catalog: real bugs from upstream trackers, each with a buggy and a fixed published version.</summary>
internal static class FieldBugCatalog
{
    public static IReadOnlyList<FieldBug> All { get; } =
    [
        new("object-pool-double-get", "Microsoft.Extensions.ObjectPool", "2.1.0", "2.2.0",
            "dotnet/extensions#394 (aspnet/Home#3493), fixed by dotnet/extensions#398",
            "atomicity: one object handed to two callers",
            "two callers scan for the last pooled object; the loser's compare-exchange fails and it returns the object anyway",
            "ObjectPool"),
        new("circuit-breaker-reset-race", "Polly", "7.2.0", "7.2.1",
            "App-vNext/Polly#758, fixed by #770",
            "plain-field race: NullReferenceException instead of BrokenCircuitException",
            "a call reads the open state, a concurrent Reset nulls the last outcome, the call reads the field to build its exception",
            "CircuitBreaker", "ExploreFieldRaces"),
        new("rwlock-cancelled-writer", "Nito.AsyncEx.Coordination", "1.0.2", "5.1.2",
            "StephenCleary/AsyncEx#134, fixed by #143",
            "async lost wake-up (every task waits forever)",
            "a reader holds the lock, a writer queues, a second reader queues behind it; the writer's cancellation does not let the reader in",
            "ReaderWriterLock"),
        new("di-singleton-deadlock", "Microsoft.Extensions.DependencyInjection", "5.0.0", "6.0.0",
            "dotnet/runtime#35986, fixed by #46157",
            "deadlock: lock-order cycle",
            "thread 1 holds a factory's own lock and waits for the container's singleton lock; thread 2 holds that lock while building a singleton that needs the factory",
            "DependencyInjection"),
        new("options-monitor-double-configure", "Microsoft.Extensions.Options", "7.0.0", "7.0.1",
            "dotnet/runtime#79529 (regression from 6.0)",
            "check-then-act: configuration callbacks run twice",
            "two first readers of a named option both miss the cache and both build (and configure) the value",
            "OptionsMonitor"),
        new("memory-cache-size", "Microsoft.Extensions.Caching.Memory", "10.0.10", "10.0.15",
            "dotnet/runtime#129186, fixed by #129215 (regression from #103931 in 9.0)",
            "linearizability: the size counter subtracts an entry twice",
            "a Set replacing an entry subtracts the old size before swapping; a concurrent Remove of that entry subtracts it again",
            "MemoryCacheSize", "generated scenarios + sequential spec"),
    ];
}
