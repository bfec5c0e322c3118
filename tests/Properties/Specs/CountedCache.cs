using System.Collections.Immutable;
using FsCheck.Fluent;
using Weave.Harness;

namespace Weave.PropertiesTests.Specs;

/// <summary>A cache operation on key 0 or 1, or a read of the cache's size.</summary>
public sealed record CacheOp(string Kind, int Key = 0)
{
    public static CacheOp Add(int key) => new("Add", key);

    public static CacheOp Remove(int key) => new("Remove", key);

    public static readonly CacheOp Count = new("Count");

    public override string ToString() => Kind == "Count" ? "Count" : $"{Kind}({Key})";
}

/// <summary>
/// A cache whose size is eventually consistent, as real caches keep it: the entry changes under a lock, the size
/// is bookkept by a task on the thread pool afterwards. The racy version decrements the size when it saw the key
/// before removing it, so two concurrent removes of one key both decrement (the size drops below the number of
/// entries); the removes' results stay right, so only the size shows the bug, and only once the bookkeeping
/// is done — a read of the size while removes run is legal either way.
/// </summary>
internal sealed class CountedCache(bool racy)
{
    private readonly object _gate = new();
    private readonly HashSet<int> _keys = [];
    private readonly List<Task> _bookkeeping = []; // Guarded by _gate.
    private int _count;

    public static ConcurrentSpec<CountedCache, ImmutableHashSet<int>, CacheOp, int> Spec(bool racy) =>
        new(() => new CountedCache(racy), new CacheSpec(), Ops, (cache, op) => cache.Apply(op))
        {
            InitOps = Gen.Choose(0, 1).Select(CacheOp.Add),
            PostOps = Gen.Constant(CacheOp.Count),
            QuiescentOnly = op => op.Kind == "Count",
            OnQuiesce = cache => cache.FinishBookkeeping(),
        };

    /// <summary>The same cache with the size readable at any time (no quiescent-only mark): a false alarm on the fixed version.</summary>
    public static ConcurrentSpec<CountedCache, ImmutableHashSet<int>, CacheOp, int> SpecReadingCountAnyTime() =>
        new(() => new CountedCache(racy: false), new CacheSpec(), Ops, (cache, op) => cache.Apply(op));

    private static FsCheck.Gen<CacheOp> Ops => Gen.OneOf(
        Gen.Choose(0, 1).Select(CacheOp.Add),
        Gen.Choose(0, 1).Select(CacheOp.Remove),
        Gen.Constant(CacheOp.Count));

    private int Apply(CacheOp op) => op.Kind switch
    {
        "Add" => Add(op.Key) ? 1 : 0,
        "Remove" => Remove(op.Key) ? 1 : 0,
        _ => Volatile.Read(ref _count),
    };

    private bool Add(int key)
    {
        lock (_gate)
        {
            if (!_keys.Add(key))
            {
                return false;
            }

            Bookkeep(+1);
            return true;
        }
    }

    private bool Remove(int key)
    {
        if (racy)
        {
            bool seen;
            lock (_gate)
            {
                seen = _keys.Contains(key);
            }

            bool removed;
            lock (_gate)
            {
                removed = _keys.Remove(key);
                if (seen)
                {
                    Bookkeep(-1); // Bug: another remover may have taken the key between the two locks.
                }
            }

            return removed;
        }

        lock (_gate)
        {
            bool removed = _keys.Remove(key);
            if (removed)
            {
                Bookkeep(-1);
            }

            return removed;
        }
    }

    private void Bookkeep(int delta) => _bookkeeping.Add(Task.Run(() => Interlocked.Add(ref _count, delta)));

    private void FinishBookkeeping()
    {
        Task[] pending;
        lock (_gate)
        {
            pending = [.. _bookkeeping];
        }

        Task.WaitAll(pending);
    }

    /// <summary>A set of keys; Add and Remove answer 1 when they changed it; Count is its size.</summary>
    internal sealed class CacheSpec : ISequentialSpec<ImmutableHashSet<int>, CacheOp, int>
    {
        public ImmutableHashSet<int> Initial => [];

        public (bool Legal, ImmutableHashSet<int> Next) Step(ImmutableHashSet<int> state, CacheOp op, int result) => op.Kind switch
        {
            "Add" => (result == (state.Contains(op.Key) ? 0 : 1), state.Add(op.Key)),
            "Remove" => (result == (state.Contains(op.Key) ? 1 : 0), state.Remove(op.Key)),
            _ => (result == state.Count, state),
        };

        public bool? Blocks(ImmutableHashSet<int> state, CacheOp op) => false;
    }
}
