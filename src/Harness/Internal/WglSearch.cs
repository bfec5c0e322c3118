using System.Diagnostics;

namespace Weave.Harness.Internal;

/// <summary>The outcome of one search.</summary>
internal enum SearchOutcome
{
    Linearizable,
    NotLinearizable,
    TimedOut,
}

/// <summary>
/// The Wing–Gong linearizability search with Lowe's memoisation, as in Porcupine: calls and returns in
/// one doubly linked list ordered by time; a call is "lifted" (linearized) when the spec accepts it in
/// the current state and the (linearized set, state) pair has not been seen before; reaching the return
/// of a call not yet linearized backtracks. Pending calls have no return: they may be linearized, with
/// any candidate result, or left out.
/// </summary>
internal sealed class WglSearch<TState, TOp, TResult>
{
    private readonly ISequentialSpec<TState, TOp, TResult> _spec;
    private readonly IReadOnlyList<HistoryEntry<TOp, TResult>> _calls;
    private readonly TResult[] _seenResults;
    private readonly Stopwatch _clock;
    private readonly TimeSpan _budget;

    public WglSearch(
        ISequentialSpec<TState, TOp, TResult> spec,
        IReadOnlyList<HistoryEntry<TOp, TResult>> calls,
        TResult[] seenResults,
        Stopwatch clock,
        TimeSpan budget)
    {
        _spec = spec;
        _calls = calls;
        _seenResults = seenResults;
        _clock = clock;
        _budget = budget;
    }

    /// <summary>How many calls the search tried to linearize (for the events/second figures).</summary>
    public long Steps { get; private set; }

    /// <summary>Searches; on success <paramref name="order"/> holds each linearized call and the result it took.</summary>
    public SearchOutcome Run(out List<(int Call, TResult? Result)> order)
    {
        int n = _calls.Count;
        order = [];
        int head = 0, tail = (2 * n) + 1;
        var next = new int[tail + 1];
        var prev = new int[tail + 1];
        BuildList(next, prev, head, tail);

        int completedTotal = 0;
        foreach (var call in _calls)
        {
            if (!call.IsPending)
            {
                completedTotal++;
            }
        }

        var zobrist = new ulong[n];
        var random = new Random(n);
        for (int i = 0; i < n; i++)
        {
            zobrist[i] = (ulong)random.NextInt64() ^ ((ulong)random.NextInt64() << 1);
        }

        var linearized = new ulong[(n + 63) / 64];
        ulong linearizedHash = 0;
        var cache = new HashSet<CacheKey>(new CacheKeyComparer(_spec.StateComparer));
        var stack = new Stack<Frame>();
        var minimal = new List<int>();
        TState state = _spec.Initial;
        int linearizedCompleted = 0;
        int position = 0, candidateStart = 0;

        while (linearizedCompleted < completedTotal)
        {
            if ((++Steps & 0xFF) == 0 && _clock.Elapsed > _budget)
            {
                return SearchOutcome.TimedOut;
            }

            // The calls that may go next: those invoked before the first response still in the list, tried in
            // invocation order. (Trying the earliest response first was measured too: on queue histories
            // recorded from real threads it backtracked 25 times more.)
            Minimal(next, head, tail, minimal);
            bool lifted = false;
            for (; position < minimal.Count && !lifted; position++, candidateStart = 0)
            {
                int i = minimal[position];
                var call = _calls[i];
                TResult?[] candidates = call.IsPending ? PendingCandidates(state, call.Op) : [call.Result];
                for (int k = candidateStart; k < candidates.Length && !lifted; k++)
                {
                    var (legal, nextState) = _spec.Step(state, call.Op, candidates[k]!);
                    if (!legal)
                    {
                        continue;
                    }

                    linearized[i >> 6] |= 1UL << i;
                    ulong hash = linearizedHash ^ zobrist[i];
                    if (cache.Add(new CacheKey((ulong[])linearized.Clone(), hash, nextState)))
                    {
                        stack.Push(new Frame(i, k, position, state, candidates[k]));
                        state = nextState;
                        linearizedHash = hash;
                        Lift(next, prev, i);
                        linearizedCompleted += call.IsPending ? 0 : 1;
                        lifted = true;
                    }
                    else
                    {
                        linearized[i >> 6] &= ~(1UL << i);
                    }
                }
            }

            if (lifted)
            {
                position = 0;
                candidateStart = 0;
                continue;
            }

            // No minimal call can go next in this state: undo the last choice and try its next alternative.
            if (stack.Count == 0)
            {
                return SearchOutcome.NotLinearizable;
            }

            var frame = stack.Pop();
            linearized[frame.Call >> 6] &= ~(1UL << frame.Call);
            linearizedHash ^= zobrist[frame.Call];
            Unlift(next, prev, frame.Call);
            state = frame.StateBefore;
            linearizedCompleted -= _calls[frame.Call].IsPending ? 0 : 1;
            position = frame.Position;
            candidateStart = frame.Candidate + 1;
        }

        foreach (var frame in stack.Reverse())
        {
            order.Add((frame.Call, frame.Result));
        }

        return SearchOutcome.Linearizable;
    }

    // The calls before the first response in the list, in invocation order.
    private static void Minimal(int[] next, int head, int tail, List<int> minimal)
    {
        minimal.Clear();
        for (int node = next[head]; node != tail && IsCall(node); node = next[node])
        {
            minimal.Add(CallOf(node));
        }
    }

    private static int CallNode(int call) => (2 * call) + 1;

    private static int ReturnNode(int call) => (2 * call) + 2;

    private static bool IsCall(int node) => (node & 1) == 1;

    private static int CallOf(int node) => (node - 1) / 2;

    private static void Lift(int[] next, int[] prev, int call)
    {
        int c = CallNode(call), r = ReturnNode(call);
        next[prev[c]] = next[c];
        prev[next[c]] = prev[c];
        next[prev[r]] = next[r];
        prev[next[r]] = prev[r];
    }

    private static void Unlift(int[] next, int[] prev, int call)
    {
        // Dancing links: undo in the reverse order of Lift.
        int c = CallNode(call), r = ReturnNode(call);
        next[prev[r]] = r;
        prev[next[r]] = r;
        next[prev[c]] = c;
        prev[next[c]] = c;
    }

    private TResult?[] PendingCandidates(TState state, TOp op)
    {
        var own = _spec.PendingResults(state, op);
        return own is null ? _seenResults : [.. own];
    }

    private void BuildList(int[] next, int[] prev, int head, int tail)
    {
        // Events by time; a pending call's return goes last. Equal times (hand-made histories): calls
        // before returns, so touching intervals count as overlapping.
        var events = new List<(long Time, int Kind, int Node)>(2 * _calls.Count);
        for (int i = 0; i < _calls.Count; i++)
        {
            events.Add((_calls[i].Invoked, 0, CallNode(i)));
            events.Add((_calls[i].Returned ?? long.MaxValue, 1, ReturnNode(i)));
        }

        events.Sort();
        int last = head;
        foreach (var (_, _, node) in events)
        {
            next[last] = node;
            prev[node] = last;
            last = node;
        }

        next[last] = tail;
        prev[tail] = last;
        next[tail] = tail;
    }

    private readonly record struct Frame(int Call, int Candidate, int Position, TState StateBefore, TResult? Result);

    private readonly record struct CacheKey(ulong[] Linearized, ulong Hash, TState State);

    private sealed class CacheKeyComparer(IEqualityComparer<TState> states) : IEqualityComparer<CacheKey>
    {
        public bool Equals(CacheKey x, CacheKey y) =>
            x.Hash == y.Hash && states.Equals(x.State, y.State) && x.Linearized.AsSpan().SequenceEqual(y.Linearized);

        public int GetHashCode(CacheKey key) => HashCode.Combine(key.Hash, key.State is null ? 0 : states.GetHashCode(key.State));
    }
}
