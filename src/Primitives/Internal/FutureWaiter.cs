using System.Diagnostics;

namespace Weave.Primitives;

/// <summary>
/// Collects the futures that finish, in the order they do, for <see cref="Futures.Wait"/> and
/// <see cref="Futures.AsCompleted"/>; each future tells it once (CPython's _Waiter / _AsCompletedWaiter).
/// </summary>
internal sealed class FutureWaiter : IFutureWaiter
{
    private readonly object _sync = new();

    // Waiting callers; notified (all) whenever a future finishes.
    private readonly MonitorCondition _changed;

    private readonly Queue<Future> _finished = new(); // Not yet taken by AsCompleted; guarded by _sync.
    private int _doneCount;                            // Guarded by _sync.
    private int _failedCount;                          // Finished with an exception; guarded by _sync.

    internal FutureWaiter() => _changed = new MonitorCondition(_sync);

    public void OnDone(Future future)
    {
        using (MonitorScope.Enter(_sync))
        {
            _finished.Enqueue(future);
            _doneCount++;
            if (future.Failed)
            {
                _failedCount++;
            }

            _changed.NotifyAll();
        }
    }

    /// <summary>Waits until <paramref name="satisfied"/>(done, failed) holds or the deadline passes.</summary>
    /// <returns>Whether it holds.</returns>
    internal bool WaitUntil(Func<int, int, bool> satisfied, Deadline deadline)
    {
        using (MonitorScope.Enter(_sync))
        {
            while (!satisfied(_doneCount, _failedCount))
            {
                if (!_changed.Wait(deadline, CancellationToken.None))
                {
                    return satisfied(_doneCount, _failedCount);
                }
            }

            return true;
        }
    }

    /// <summary>Takes the next future to finish, waiting until the deadline; null if it passed first.</summary>
    internal Future? Take(Deadline deadline)
    {
        using (MonitorScope.Enter(_sync))
        {
            while (_finished.Count == 0)
            {
                if (!_changed.Wait(deadline, CancellationToken.None) && _finished.Count == 0)
                {
                    return null;
                }
            }

            Debug.Assert(_finished.Count > 0, "Something finished.");
            return _finished.Dequeue();
        }
    }
}
