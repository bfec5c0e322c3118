using System.Diagnostics;

namespace Weave.Harness.Internal;

/// <summary>The outcome of one search.</summary>
internal enum SearchOutcome
{
    Linearizable,
    NotLinearizable,
    TimedOut,
    OutOfMemory,
    Stopped,
}

/// <summary>What every search of one check shares: the clock, the budgets, and the signal to stop.</summary>
internal sealed class SearchLimits(Stopwatch clock, TimeSpan budget, long memoryBudget)
{
    private readonly long _baseline = GC.GetTotalMemory(forceFullCollection: false);
    private volatile bool _stop;

    public TimeSpan Budget => budget;

    public long MemoryBudget => memoryBudget;

    /// <summary>Set when another partition's search found a violation: the verdict is decided.</summary>
    public bool StopRequested => _stop;

    public void RequestStop() => _stop = true;

    /// <summary>Checked every few hundred steps: time first (cheap), then the heap this check has grown.</summary>
    public SearchOutcome? Exceeded(long steps)
    {
        if (_stop)
        {
            return SearchOutcome.Stopped;
        }

        if (clock.Elapsed > budget)
        {
            return SearchOutcome.TimedOut;
        }

        // The memo table is what grows; the managed heap's size is read without a collection (~tens of ns).
        return (steps & 0xFFF) == 0 && GC.GetTotalMemory(forceFullCollection: false) - _baseline > memoryBudget
            ? SearchOutcome.OutOfMemory
            : null;
    }
}

/// <summary>
/// The Wing–Gong linearizability search with Lowe's memoisation, as Porcupine runs it: calls and returns in
/// one doubly linked list ordered by time; scanning from the head, a call is "lifted" (linearized) when the
/// spec accepts it in the current state and the (linearized set, state) pair has not been seen before;
/// reaching a return whose call is not yet linearized backtracks. Pending calls have no return: they may be
/// linearized, with any candidate result, or left out. Blocked calls (the quiescent check) are never linearized,
/// and the search succeeds only in a final state where each of them blocks.
/// </summary>
/// <remarks>
/// Cost per step: one spec step, one hash of the linearized set (Zobrist, updated incrementally) and one
/// memo lookup; the set is copied only when a new memo entry is stored. No list of candidates is rebuilt.
/// </remarks>
internal sealed class WglSearch<TState, TOp, TResult>
{
    private readonly ISequentialSpec<TState, TOp, TResult> _spec;
    private readonly IReadOnlyList<HistoryEntry<TOp, TResult>> _calls;
    private readonly TResult[] _seenResults;
    private readonly SearchLimits _limits;
    private readonly int[] _blocked;

    public WglSearch(
        ISequentialSpec<TState, TOp, TResult> spec,
        IReadOnlyList<HistoryEntry<TOp, TResult>> calls,
        TResult[] seenResults,
        SearchLimits limits)
    {
        _spec = spec;
        _calls = calls;
        _seenResults = seenResults;
        _limits = limits;

        // Blocked calls the spec has a blocking rule for; the others are searched as ordinary pending calls.
        var blocked = new List<int>();
        for (int i = 0; i < calls.Count; i++)
        {
            if (calls[i].IsBlocked && spec.Blocks(spec.Initial, calls[i].Op) is not null)
            {
                blocked.Add(i);
            }
        }

        _blocked = [.. blocked];
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
        var results = new TResult?[n][];
        for (int i = 0; i < n; i++)
        {
            if (!_calls[i].IsPending)
            {
                completedTotal++;
                results[i] = [_calls[i].Result];
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
        int low = 0;   // The first call not linearized: every call before it is.
        int high = -1; // The last call linearized.
        var stateComparer = _spec.StateComparer;
        var cache = new MemoTable(stateComparer);
        var stack = new Stack<Frame>();
        TState state = _spec.Initial;
        int linearizedCompleted = 0;
        int entry = next[head];
        int candidateStart = 0;
        var isBlocked = new bool[n];
        foreach (int b in _blocked)
        {
            isBlocked[b] = true;
        }

        while (linearizedCompleted < completedTotal || !AllBlock(state))
        {
            if ((++Steps & 0xFF) == 0 && _limits.Exceeded(Steps) is { } stop)
            {
                return stop;
            }

            if (entry != tail && IsCall(entry) && isBlocked[CallOf(entry)])
            {
                entry = next[entry]; // A blocked call took no effect: it is never linearized.
                continue;
            }

            if (entry != tail && IsCall(entry))
            {
                int i = CallOf(entry);
                var call = _calls[i];
                TResult?[] candidates = results[i] ?? PendingCandidates(state, call.Op);
                bool lifted = false;
                for (int k = candidateStart; k < candidates.Length; k++)
                {
                    var (legal, nextState) = _spec.Step(state, call.Op, candidates[k]!);
                    if (!legal || (call.IsPending && stateComparer.Equals(nextState, state)))
                    {
                        // A pending call may also be left out; taking effect without changing the state (a read, a
                        // failing cas) explains nothing that leaving it out would not, so that branch is pruned.
                        continue;
                    }

                    linearized[i >> 6] |= 1UL << i;
                    ulong hash = linearizedHash ^ zobrist[i];
                    int newLow = i == low ? NextUnset(linearized, low, n) : low;
                    if (cache.AddIfAbsent(linearized, newLow, Math.Max(high, i), hash, nextState))
                    {
                        stack.Push(new Frame(i, k, state, candidates[k]));
                        state = nextState;
                        linearizedHash = hash;
                        low = newLow;
                        high = Math.Max(high, i);
                        Lift(next, prev, i);
                        linearizedCompleted += call.IsPending ? 0 : 1;
                        lifted = true;
                        break;
                    }

                    linearized[i >> 6] &= ~(1UL << i);
                }

                candidateStart = 0;
                entry = lifted ? next[head] : next[entry];
                continue;
            }

            // A return whose call is still in the list (or the end): nothing before it can go next in this
            // state. Undo the last choice and try its next alternative.
            if (stack.Count == 0)
            {
                return SearchOutcome.NotLinearizable;
            }

            var frame = stack.Pop();
            linearized[frame.Call >> 6] &= ~(1UL << frame.Call);
            linearizedHash ^= zobrist[frame.Call];
            low = Math.Min(low, frame.Call);
            if (frame.Call == high)
            {
                high = PreviousSet(linearized, high - 1);
            }

            Unlift(next, prev, frame.Call);
            state = frame.StateBefore;
            linearizedCompleted -= _calls[frame.Call].IsPending ? 0 : 1;
            entry = CallNode(frame.Call);
            candidateStart = frame.Candidate + 1;
        }

        foreach (var frame in stack.Reverse())
        {
            order.Add((frame.Call, frame.Result));
        }

        return SearchOutcome.Linearizable;
    }

    // Every blocked call must wait in the final state: otherwise nothing explains why it is still blocked.
    private bool AllBlock(TState state)
    {
        foreach (int b in _blocked)
        {
            if (_spec.Blocks(state, _calls[b].Op) != true)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsSet(ulong[] bits, int i) => (bits[i >> 6] & (1UL << i)) != 0;

    // Past a run of linearized calls (short: the calls linearized ahead of the first one still open).
    private static int NextUnset(ulong[] bits, int from, int n)
    {
        while (from < n && IsSet(bits, from))
        {
            from++;
        }

        return from;
    }

    private static int PreviousSet(ulong[] bits, int from)
    {
        while (from >= 0 && !IsSet(bits, from))
        {
            from--;
        }

        return from;
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

    private TResult?[] PendingCandidates(TState state, TOp op) => _spec.PendingResults(state, op) switch
    {
        null => _seenResults,
        TResult?[] array => array,
        var own => [.. own],
    };

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

    private readonly record struct Frame(int Call, int Candidate, TState StateBefore, TResult? Result);

    /// <summary>
    /// Lowe's memo: the (linearized set, state) pairs seen, in one open-addressing table of parallel arrays
    /// (linear probing, resized at half load). A set is stored as the first call not yet linearized (every
    /// earlier one is) plus the 128 calls after it, inline: a search linearizes calls roughly in order, so that
    /// describes the set exactly, at any history length, without an allocation. Only a set with a call
    /// linearized further ahead than that keeps a copy of the whole bit array. A lookup that misses inserts in
    /// the same probe, so each step hashes once.
    /// </summary>
    private sealed class MemoTable(IEqualityComparer<TState> states)
    {
        private ulong[] _keys = new ulong[1024];   // Mixed hash | 1 (0 = empty slot).
        private int[] _low = new int[1024];
        private ulong[] _w0 = new ulong[1024];
        private ulong[] _w1 = new ulong[1024];
        private ulong[]?[] _wide = new ulong[]?[1024];
        private TState[] _states = new TState[1024];
        private int _count;

        /// <summary>Adds the pair unless present; true if it was added (not seen before).</summary>
        /// <param name="bits">The linearized set.</param>
        /// <param name="low">Its first call not in it.</param>
        /// <param name="high">Its last call in it.</param>
        /// <param name="setHash">Its Zobrist hash.</param>
        /// <param name="state">The state after it.</param>
        public bool AddIfAbsent(ulong[] bits, int low, int high, ulong setHash, TState state)
        {
            ulong key = Mix(setHash, state is null ? 0 : states.GetHashCode(state));
            ulong w0 = Window(bits, low + 1), w1 = Window(bits, low + 65);
            bool wide = high >= low + 129;
            int mask = _keys.Length - 1;
            for (int slot = (int)key & mask; ; slot = (slot + 1) & mask)
            {
                ulong found = _keys[slot];
                if (found == 0)
                {
                    _keys[slot] = key;
                    _low[slot] = low;
                    _w0[slot] = w0;
                    _w1[slot] = w1;
                    _wide[slot] = wide ? (ulong[])bits.Clone() : null;
                    _states[slot] = state;
                    if (++_count * 2 > _keys.Length)
                    {
                        Grow();
                    }

                    return true;
                }

                if (found == key && _low[slot] == low && _w0[slot] == w0 && _w1[slot] == w1
                    && (wide ? _wide[slot] is { } other && bits.AsSpan().SequenceEqual(other) : _wide[slot] is null)
                    && states.Equals(_states[slot], state))
                {
                    return false;
                }
            }
        }

        // The 64 bits of the set starting at call 'start' (zero past the end).
        private static ulong Window(ulong[] bits, int start)
        {
            int word = start >> 6, shift = start & 63;
            if (word >= bits.Length)
            {
                return 0;
            }

            ulong value = bits[word] >> shift;
            if (shift != 0 && word + 1 < bits.Length)
            {
                value |= bits[word + 1] << (64 - shift);
            }

            return value;
        }

        private static ulong Mix(ulong setHash, int stateHash)
        {
            ulong h = (setHash ^ ((ulong)(uint)stateHash * 0x9E3779B97F4A7C15UL)) * 0xBF58476D1CE4E5B9UL;
            return (h ^ (h >> 31)) | 1;
        }

        private void Grow()
        {
            ulong[] keys = _keys, w0 = _w0, w1 = _w1;
            int[] low = _low;
            ulong[]?[] wide = _wide;
            TState[] stateValues = _states;
            int size = keys.Length * 2, mask = size - 1;
            _keys = new ulong[size];
            _low = new int[size];
            _w0 = new ulong[size];
            _w1 = new ulong[size];
            _wide = new ulong[]?[size];
            _states = new TState[size];
            for (int i = 0; i < keys.Length; i++)
            {
                if (keys[i] == 0)
                {
                    continue;
                }

                int slot = (int)keys[i] & mask;
                while (_keys[slot] != 0)
                {
                    slot = (slot + 1) & mask;
                }

                _keys[slot] = keys[i];
                _low[slot] = low[i];
                _w0[slot] = w0[i];
                _w1[slot] = w1[i];
                _wide[slot] = wide[i];
                _states[slot] = stateValues[i];
            }
        }
    }
}
