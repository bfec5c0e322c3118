using System.Collections.Concurrent;
using System.Diagnostics;
using Weave.Harness.Internal;

namespace Weave.Harness;

/// <summary>
/// Linearizability checking: is there an order of a history's calls, each placed at an instant between
/// its invocation and its response, in which every result is what the sequential spec allows?
/// </summary>
/// <remarks>
/// <para>The search is Wing and Gong's, with Lowe's memoisation of (linearized calls, state) pairs, as in
/// Porcupine; specs that partition their operations (<see cref="ISequentialSpec{TState, TOp, TResult}.PartitionKey"/>)
/// are checked one partition at a time (P-compositionality).</para>
/// <para>Calls still pending at the end may have taken effect, with any result the spec allows, or not.
/// Blocking calls (a <c>Get</c> that waited) and calls that gave up (a <c>Get</c> that timed out) are
/// legal exactly when the spec allows them somewhere in their interval. A call still blocked at the end
/// (<see cref="HistoryEntry{TOp, TResult}.IsBlocked"/>) took no effect and must block in the final state
/// (<see cref="ISequentialSpec{TState, TOp, TResult}.Blocks"/>): the quiescent check that turns a lost
/// wake-up into a violation.</para>
/// <para>When the history is not linearizable, the result holds the shortest failing prefix (found by
/// bisection: a prefix of a linearizable history is linearizable) and the call that breaks it.</para>
/// </remarks>
public static class Linearizability
{
    /// <summary>The budget used when none is given: ten seconds.</summary>
    public static readonly TimeSpan DefaultBudget = TimeSpan.FromSeconds(10);

    /// <summary>Checks the calls recorded in <paramref name="history"/> so far against <paramref name="spec"/>.</summary>
    /// <typeparam name="TState">The spec's state.</typeparam>
    /// <typeparam name="TOp">The operation type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="spec">The sequential specification.</param>
    /// <param name="history">The recorded history (calls not yet returned count as pending).</param>
    /// <param name="budget">How long the search may take (default <see cref="DefaultBudget"/>); past it the result says <see cref="LinearizabilityResult.TimedOut"/>.</param>
    /// <returns>The verdict.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="spec"/> or <paramref name="history"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="budget"/> is not positive.</exception>
    public static LinearizabilityResult<TOp, TResult> Check<TState, TOp, TResult>(
        ISequentialSpec<TState, TOp, TResult> spec, History<TOp, TResult> history, TimeSpan? budget = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        return Check(spec, history.Entries(), budget);
    }

    /// <summary>Checks a list of calls (recorded by a <see cref="History{TOp, TResult}"/>, built by hand, or read from a file).</summary>
    /// <inheritdoc cref="Check{TState, TOp, TResult}(ISequentialSpec{TState, TOp, TResult}, History{TOp, TResult}, TimeSpan?)"/>
    /// <param name="spec">The sequential specification.</param>
    /// <param name="calls">The calls: unique ids, each response after its invocation (a sub-list of a history is fine).</param>
    /// <param name="budget">How long the search may take.</param>
    /// <exception cref="ArgumentException">Two calls share an id, or a call returned before it was invoked.</exception>
    public static LinearizabilityResult<TOp, TResult> Check<TState, TOp, TResult>(
        ISequentialSpec<TState, TOp, TResult> spec, IReadOnlyList<HistoryEntry<TOp, TResult>> calls, TimeSpan? budget = null)
    {
        var limit = budget ?? DefaultBudget;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(limit, TimeSpan.Zero, nameof(budget));
        return Check(spec, calls, new LinearizabilityOptions { Budget = limit });
    }

    /// <summary>
    /// Checks a list of calls within a time and a memory budget, searching independent partitions at once: the
    /// first violation in any partition ends the check with that verdict, and a partition out of budget never
    /// hides a violation in another (the result lists each partition's verdict).
    /// </summary>
    /// <inheritdoc cref="Check{TState, TOp, TResult}(ISequentialSpec{TState, TOp, TResult}, IReadOnlyList{HistoryEntry{TOp, TResult}}, TimeSpan?)"/>
    /// <param name="spec">The sequential specification.</param>
    /// <param name="calls">The calls.</param>
    /// <param name="options">Time and memory budgets, parallelism.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; the exception names it.</exception>
    public static LinearizabilityResult<TOp, TResult> Check<TState, TOp, TResult>(
        ISequentialSpec<TState, TOp, TResult> spec, IReadOnlyList<HistoryEntry<TOp, TResult>> calls, LinearizabilityOptions options)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(calls);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var ordered = Validate(calls);

        var clock = Stopwatch.StartNew();
        var limits = new SearchLimits(clock, options.Budget, options.MemoryBudget);

        // A call that ended by an interrupt or a cancellation must have had no effect: check the history
        // without it (if it did take effect, some other result has no explanation). It stays in History
        // and in the counterexample, so the tables show it.
        var faulted = ordered.Where(c => c.IsFaulted).ToArray();
        var searched = faulted.Length == 0 ? ordered : [.. ordered.Where(c => !c.IsFaulted)];
        var (partitions, keys) = Partition(spec, searched);
        var seen = SeenResults(searched);

        var outcomes = new SearchOutcome[partitions.Count];
        var witnesses = new List<(int Call, TResult? Result)>[partitions.Count];
        var times = new TimeSpan[partitions.Count];
        long steps = 0;
        void Search(int p)
        {
            var started = clock.Elapsed;
            var search = new WglSearch<TState, TOp, TResult>(spec, partitions[p], seen, limits);
            outcomes[p] = search.Run(out witnesses[p]);
            times[p] = clock.Elapsed - started;
            Interlocked.Add(ref steps, search.Steps);
            if (outcomes[p] == SearchOutcome.NotLinearizable)
            {
                limits.RequestStop(); // Decided: the other partitions need not finish.
            }
        }

        // Small partitions first: a violation in one of them is found in milliseconds while a hard one is
        // still being searched. Under the systematic scheduler (a scenario's check runs inside the test body)
        // and for a single partition, search on the calling thread.
        int[] bySize = [.. Enumerable.Range(0, partitions.Count).OrderBy(p => partitions[p].Count)];
        if (partitions.Count == 1 || options.Parallelism == 1 || Weave.Primitives.SystematicHook.CurrentMode != Weave.Primitives.WaitMode.Real)
        {
            foreach (int p in bySize)
            {
                if (limits.StopRequested)
                {
                    outcomes[p] = SearchOutcome.Stopped;
                    continue;
                }

                Search(p);
            }
        }
        else
        {
            Parallel.ForEach(
                Partitioner.Create(bySize, loadBalance: true),
                new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism },
                p =>
                {
                    if (limits.StopRequested)
                    {
                        outcomes[p] = SearchOutcome.Stopped;
                        return;
                    }

                    Search(p);
                });
        }

        var verdicts = Enumerable.Range(0, partitions.Count)
            .Select(p => new PartitionVerdict(keys[p], partitions[p].Count, Describe(outcomes[p]), times[p]))
            .ToList();
        int violated = Array.IndexOf(outcomes, SearchOutcome.NotLinearizable);
        bool outOfTime = violated < 0 && outcomes.Contains(SearchOutcome.TimedOut);
        bool outOfMemory = violated < 0 && !outOfTime && outcomes.Contains(SearchOutcome.OutOfMemory);
        List<HistoryEntry<TOp, TResult>>? order = null;
        if (violated < 0 && !outOfTime && !outOfMemory)
        {
            order = [];
            for (int p = 0; p < partitions.Count; p++)
            {
                foreach (var (call, value) in witnesses[p])
                {
                    var entry = partitions[p][call];
                    order.Add(entry.IsPending ? entry with { Result = value } : entry);
                }
            }
        }

        return new LinearizabilityResult<TOp, TResult>
        {
            History = ordered,
            CallCount = ordered.Length,
            PartitionCount = partitions.Count,
            Partitions = verdicts,
            Elapsed = clock.Elapsed,
            Budget = options.Budget,
            SearchSteps = Interlocked.Read(ref steps),
            TimedOut = outOfTime || outOfMemory,
            UndecidedReason = outOfTime ? $"the check exceeded its time budget of {options.Budget.TotalSeconds:0.###} s"
                : outOfMemory ? $"the search's memo table reached the memory budget of {options.MemoryBudget / (1024 * 1024)} MB"
                : null,
            IsLinearizable = order is not null,
            Order = order ?? [],
            CounterexampleSource = violated < 0 ? null : () =>
            {
                // The shortest failing prefix is worth its bisection only when someone reads it: computed on first use.
                var prefixLimits = new SearchLimits(Stopwatch.StartNew(), options.Budget, options.MemoryBudget);
                var (counterexample, failing) = ShortestFailingPrefix(spec, partitions[violated], seen, prefixLimits);
                return (WithFaulted(counterexample, faulted), failing);
            },
        };
    }

    private static string Describe(SearchOutcome outcome) => outcome switch
    {
        SearchOutcome.Linearizable => "linearizable",
        SearchOutcome.NotLinearizable => "not linearizable",
        SearchOutcome.TimedOut => "undecided (time budget)",
        SearchOutcome.OutOfMemory => "undecided (memory budget)",
        _ => "not checked (a violation elsewhere decided)",
    };

    private static HistoryEntry<TOp, TResult>[] Validate<TOp, TResult>(IReadOnlyList<HistoryEntry<TOp, TResult>> calls)
    {
        var ids = new HashSet<int>();
        foreach (var call in calls)
        {
            if (call is null)
            {
                throw new ArgumentException("The history holds a null call.", nameof(calls));
            }

            if (!ids.Add(call.Id))
            {
                throw new ArgumentException($"Call ids must be unique; {call.Id} appears twice ({call}).", nameof(calls));
            }

            if (call.Returned is { } returned && returned < call.Invoked)
            {
                throw new ArgumentException($"Call {call.Id} ({call.Op}) returned at {returned}, before it was invoked at {call.Invoked}.", nameof(calls));
            }

            if (call.IsBlocked && !call.IsPending)
            {
                throw new ArgumentException($"Call {call.Id} ({call.Op}) is marked blocked but returned at {call.Returned}: a blocked call never returns.", nameof(calls));
            }

            if (call.IsFaulted && call.IsPending)
            {
                throw new ArgumentException($"Call {call.Id} ({call.Op}) is marked '{call.Fault}' but never returned: a fault ends a call.", nameof(calls));
            }
        }

        return [.. calls.OrderBy(c => c.Id)];
    }

    // The faulted calls that overlap a counterexample, merged into it in invocation order (they took no part
    // in the search, but a reader needs to see the "interrupted" put whose item came out anyway).
    private static IReadOnlyList<HistoryEntry<TOp, TResult>> WithFaulted<TOp, TResult>(
        IReadOnlyList<HistoryEntry<TOp, TResult>> counterexample, HistoryEntry<TOp, TResult>[] faulted)
    {
        if (faulted.Length == 0 || counterexample.Count == 0)
        {
            return counterexample;
        }

        long end = counterexample.Max(c => c.Returned ?? c.Invoked);
        return [.. counterexample.Concat(faulted.Where(f => f.Invoked <= end)).OrderBy(c => c.Invoked)];
    }

    private static (List<List<HistoryEntry<TOp, TResult>>> Partitions, List<object?> Keys) Partition<TState, TOp, TResult>(
        ISequentialSpec<TState, TOp, TResult> spec, HistoryEntry<TOp, TResult>[] calls)
    {
        var keys = new object?[calls.Length];
        for (int i = 0; i < calls.Length; i++)
        {
            keys[i] = spec.PartitionKey(calls[i].Op);
            if (keys[i] is null)
            {
                return ([[.. calls]], [null]);
            }
        }

        var groups = new Dictionary<object, List<HistoryEntry<TOp, TResult>>>();
        var partitions = new List<List<HistoryEntry<TOp, TResult>>>();
        var partitionKeys = new List<object?>();
        for (int i = 0; i < calls.Length; i++)
        {
            if (!groups.TryGetValue(keys[i]!, out var group))
            {
                groups[keys[i]!] = group = [];
                partitions.Add(group);
                partitionKeys.Add(keys[i]);
            }

            group.Add(calls[i]);
        }

        return partitions.Count == 0 ? ([[]], [null]) : (partitions, partitionKeys);
    }

    private static TResult[] SeenResults<TOp, TResult>(HistoryEntry<TOp, TResult>[] calls)
    {
        var seen = new List<TResult>();
        var set = new HashSet<TResult>();
        bool sawNull = false;
        foreach (var call in calls)
        {
            if (call.IsPending)
            {
                continue;
            }

            if (call.Result is null)
            {
                if (!sawNull)
                {
                    sawNull = true;
                    seen.Add(call.Result!);
                }
            }
            else if (set.Add(call.Result))
            {
                seen.Add(call.Result);
            }
        }

        return [.. seen];
    }

    /// <summary>Bisects on the number of events kept: prefixes of a linearizable history are linearizable,
    /// so the shortest failing prefix ends with the response no order can explain.</summary>
    private static (IReadOnlyList<HistoryEntry<TOp, TResult>> Calls, HistoryEntry<TOp, TResult>? Failing) ShortestFailingPrefix<TState, TOp, TResult>(
        ISequentialSpec<TState, TOp, TResult> spec, List<HistoryEntry<TOp, TResult>> calls, TResult[] seen, SearchLimits limits)
    {
        var times = new List<long>(2 * calls.Count);
        foreach (var call in calls)
        {
            times.Add(call.Invoked);
            if (call.Returned is { } r)
            {
                times.Add(r);
            }
        }

        times.Sort();
        if (times.Count == 0)
        {
            return (calls, null);
        }

        int low = 0, high = times.Count - 1; // the prefix up to times[high] fails; up to times[low - 1] passes.
        while (low < high)
        {
            int mid = low + ((high - low) / 2);
            var search = new WglSearch<TState, TOp, TResult>(spec, Prefix(calls, times[mid]), seen, limits);
            var outcome = search.Run(out _);
            if (outcome is SearchOutcome.TimedOut or SearchOutcome.OutOfMemory)
            {
                break; // Out of budget: keep the shortest failing prefix found so far.
            }

            if (outcome == SearchOutcome.NotLinearizable)
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }

        var prefix = Prefix(calls, times[high]);
        if (high == times.Count - 1 && BlockedCallNoOrderExplains(spec, prefix, seen, limits) is { } stuck)
        {
            return (prefix, stuck); // Every shorter prefix passes: the violation is a call that should not still be blocked.
        }

        var failing = prefix.LastOrDefault(c => c.Returned == times[high]) ?? prefix.Where(c => !c.IsPending).MaxBy(c => c.Returned);
        return (prefix, failing);
    }

    // When the history passes with its blocked calls taken as plain pending ones, the violation is a lost wake-up:
    // the blocked call that fails on its own is the one to show.
    private static HistoryEntry<TOp, TResult>? BlockedCallNoOrderExplains<TState, TOp, TResult>(
        ISequentialSpec<TState, TOp, TResult> spec, List<HistoryEntry<TOp, TResult>> calls, TResult[] seen, SearchLimits limits)
    {
        var blocked = calls.Where(c => c.IsBlocked).ToList();
        if (blocked.Count == 0)
        {
            return null;
        }

        var unblocked = calls.Select(c => c.IsBlocked ? c with { IsBlocked = false } : c).ToList();
        if (new WglSearch<TState, TOp, TResult>(spec, unblocked, seen, limits).Run(out _) != SearchOutcome.Linearizable)
        {
            return null;
        }

        foreach (var candidate in blocked)
        {
            var alone = calls.Select(c => c.IsBlocked && c.Id != candidate.Id ? c with { IsBlocked = false } : c).ToList();
            if (new WglSearch<TState, TOp, TResult>(spec, alone, seen, limits).Run(out _) == SearchOutcome.NotLinearizable)
            {
                return candidate;
            }
        }

        return blocked[0];
    }

    // Calls invoked by `end`, those still running then shown pending. A blocked call is held to its blocking rule
    // only in the whole history: in a prefix, the wake-up it waits for may simply not have come yet.
    private static List<HistoryEntry<TOp, TResult>> Prefix<TOp, TResult>(List<HistoryEntry<TOp, TResult>> calls, long end)
    {
        bool whole = calls.All(c => c.Invoked <= end && (c.Returned ?? 0) <= end);
        var prefix = new List<HistoryEntry<TOp, TResult>>();
        foreach (var call in calls)
        {
            if (call.Invoked > end)
            {
                continue;
            }

            prefix.Add(call.Returned is { } r && r > end ? call with { Result = default, Returned = null }
                : call.IsBlocked && !whole ? call with { IsBlocked = false }
                : call);
        }

        return prefix;
    }
}
