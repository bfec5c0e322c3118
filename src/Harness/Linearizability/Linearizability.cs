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
/// legal exactly when the spec allows them somewhere in their interval.</para>
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
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(calls);
        var limit = budget ?? DefaultBudget;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(limit, TimeSpan.Zero, nameof(budget));
        var ordered = Validate(calls);

        var clock = Stopwatch.StartNew();
        // A call that ended by an interrupt or a cancellation must have had no effect: check the history
        // without it (if it did take effect, some other result has no explanation). It stays in History
        // and in the counterexample, so the tables show it.
        var faulted = ordered.Where(c => c.IsFaulted).ToArray();
        var searched = faulted.Length == 0 ? ordered : [.. ordered.Where(c => !c.IsFaulted)];
        var partitions = Partition(spec, searched);
        // Candidate results for pending calls: needed when the history has pending calls, and by the
        // prefix search (which cuts calls short), so only computed then.
        TResult[]? seenResults = null;
        TResult[] Seen() => seenResults ??= SeenResults(searched);
        var seen = searched.Any(c => c.IsPending) ? Seen() : [];
        var order = new List<HistoryEntry<TOp, TResult>>();
        long steps = 0;
        foreach (var part in partitions)
        {
            var search = new WglSearch<TState, TOp, TResult>(spec, part, seen, clock, limit);
            var outcome = search.Run(out var witness);
            steps += search.Steps;
            if (outcome == SearchOutcome.TimedOut)
            {
                return Result(ordered, partitions.Count, clock, limit, steps, timedOut: true);
            }

            if (outcome == SearchOutcome.NotLinearizable)
            {
                var (counterexample, failing) = ShortestFailingPrefix(spec, part, Seen(), clock, limit, ref steps);
                return Result(ordered, partitions.Count, clock, limit, steps, counterexample: WithFaulted(counterexample, faulted), failing: failing);
            }

            foreach (var (call, result) in witness)
            {
                var entry = part[call];
                order.Add(entry.IsPending ? entry with { Result = result } : entry);
            }
        }

        return Result(ordered, partitions.Count, clock, limit, steps, order: order);
    }

    // Exactly one outcome: a witness order (linearizable), a counterexample (not), or timedOut (no verdict).
    private static LinearizabilityResult<TOp, TResult> Result<TOp, TResult>(
        IReadOnlyList<HistoryEntry<TOp, TResult>> calls,
        int partitions,
        Stopwatch clock,
        TimeSpan budget,
        long steps,
        bool timedOut = false,
        IReadOnlyList<HistoryEntry<TOp, TResult>>? order = null,
        IReadOnlyList<HistoryEntry<TOp, TResult>>? counterexample = null,
        HistoryEntry<TOp, TResult>? failing = null) =>
        new()
        {
            History = calls,
            CallCount = calls.Count,
            PartitionCount = partitions,
            Elapsed = clock.Elapsed,
            Budget = budget,
            SearchSteps = steps,
            TimedOut = timedOut,
            IsLinearizable = order is not null,
            Order = order ?? [],
            Counterexample = counterexample,
            FailingCall = failing,
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

    private static List<List<HistoryEntry<TOp, TResult>>> Partition<TState, TOp, TResult>(
        ISequentialSpec<TState, TOp, TResult> spec, HistoryEntry<TOp, TResult>[] calls)
    {
        var keys = new object?[calls.Length];
        for (int i = 0; i < calls.Length; i++)
        {
            keys[i] = spec.PartitionKey(calls[i].Op);
            if (keys[i] is null)
            {
                return [[.. calls]];
            }
        }

        var groups = new Dictionary<object, List<HistoryEntry<TOp, TResult>>>();
        var partitions = new List<List<HistoryEntry<TOp, TResult>>>();
        for (int i = 0; i < calls.Length; i++)
        {
            if (!groups.TryGetValue(keys[i]!, out var group))
            {
                groups[keys[i]!] = group = [];
                partitions.Add(group);
            }

            group.Add(calls[i]);
        }

        return partitions.Count == 0 ? [[]] : partitions;
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
        ISequentialSpec<TState, TOp, TResult> spec, List<HistoryEntry<TOp, TResult>> calls, TResult[] seen, Stopwatch clock, TimeSpan budget, ref long steps)
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
        int low = 0, high = times.Count - 1; // the prefix up to times[high] fails; up to times[low - 1] passes.
        while (low < high)
        {
            int mid = low + ((high - low) / 2);
            var search = new WglSearch<TState, TOp, TResult>(spec, Prefix(calls, times[mid]), seen, clock, budget);
            var outcome = search.Run(out _);
            steps += search.Steps;
            if (outcome == SearchOutcome.TimedOut)
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
        var failing = prefix.LastOrDefault(c => c.Returned == times[high]) ?? prefix.Where(c => !c.IsPending).MaxBy(c => c.Returned);
        return (prefix, failing);
    }

    private static List<HistoryEntry<TOp, TResult>> Prefix<TOp, TResult>(List<HistoryEntry<TOp, TResult>> calls, long end)
    {
        var prefix = new List<HistoryEntry<TOp, TResult>>();
        foreach (var call in calls)
        {
            if (call.Invoked > end)
            {
                continue;
            }

            prefix.Add(call.Returned is { } r && r > end ? call with { Result = default, Returned = null } : call);
        }

        return prefix;
    }
}
