namespace Weave.Primitives;

/// <summary>
/// Waiting for many futures: Python's <c>concurrent.futures.wait</c> and <c>as_completed</c>. Both
/// are woken by the futures themselves (a waiter registered on each), never by polling.
/// </summary>
public static class Futures
{
    /// <summary>
    /// Waits until <paramref name="returnWhen"/> is met or the timeout passes, and returns the futures
    /// done and not done. Duplicates are counted once. Never throws on timeout: it returns the partial
    /// sets. Python: <c>wait(fs, timeout, return_when)</c>.
    /// </summary>
    /// <param name="futures">The futures to wait for.</param>
    /// <param name="timeout">How long to wait; null waits as long as needed.</param>
    /// <param name="returnWhen">When to return.</param>
    /// <exception cref="ArgumentNullException"><paramref name="futures"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="futures"/> contains null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="returnWhen"/> is not a defined value, or
    /// <paramref name="timeout"/> is negative and not infinite.</exception>
    public static WaitResult Wait(IEnumerable<Future> futures, TimeSpan? timeout = null, ReturnWhen returnWhen = ReturnWhen.AllCompleted)
    {
        List<Future> distinct = Distinct(futures);
        if (!Enum.IsDefined(returnWhen))
        {
            throw new ArgumentOutOfRangeException(nameof(returnWhen), returnWhen, "Invalid return condition.");
        }

        Deadline deadline = timeout is TimeSpan t ? Deadline.After(t, nameof(timeout)) : Deadline.Infinite;
        int total = distinct.Count;
        Func<int, int, bool> satisfied = returnWhen switch
        {
            ReturnWhen.FirstCompleted => (done, _) => done > 0 || total == 0,
            ReturnWhen.FirstException => (done, failed) => failed > 0 || done == total,
            _ => (done, _) => done == total,
        };

        var waiter = new FutureWaiter();
        try
        {
            distinct.ForEach(f => f.AddWaiter(waiter)); // A done future tells the waiter at once.
            waiter.WaitUntil(satisfied, deadline);
        }
        finally
        {
            distinct.ForEach(f => f.RemoveWaiter(waiter));
        }

        var done = new HashSet<Future>(ReferenceEqualityComparer.Instance);
        var notDone = new HashSet<Future>(ReferenceEqualityComparer.Instance);
        foreach (Future future in distinct)
        {
            (future.IsDone ? done : notDone).Add(future);
        }

        return new WaitResult(done, notDone);
    }

    /// <summary>
    /// Yields the futures as they finish: those already done first, then the others as they complete,
    /// each once. One deadline, counted from this call, covers the whole iteration; when it passes the
    /// next step throws <see cref="TimeoutException"/> ("2 (of 4) futures unfinished"). Python:
    /// <c>as_completed(fs, timeout)</c>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="futures"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="futures"/> contains null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    public static IEnumerable<Future> AsCompleted(IEnumerable<Future> futures, TimeSpan? timeout = null) =>
        AsCompletedCore(Distinct(futures), timeout is TimeSpan t ? Deadline.After(t, nameof(timeout)) : Deadline.Infinite);

    /// <summary>As <see cref="AsCompleted(IEnumerable{Future}, TimeSpan?)"/>, keeping the futures' result type.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="futures"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="futures"/> contains null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    public static IEnumerable<Future<T>> AsCompleted<T>(IEnumerable<Future<T>> futures, TimeSpan? timeout = null) =>
        AsCompletedCore(Distinct(futures), timeout is TimeSpan t ? Deadline.After(t, nameof(timeout)) : Deadline.Infinite).Cast<Future<T>>();

    private static IEnumerable<Future> AsCompletedCore(List<Future> futures, Deadline deadline)
    {
        var waiter = new FutureWaiter();
        try
        {
            futures.ForEach(f => f.AddWaiter(waiter)); // Done ones are queued first, in order.
            for (int yielded = 0; yielded < futures.Count; yielded++)
            {
                Future next = waiter.Take(deadline)
                    ?? throw new TimeoutException($"{futures.Count - yielded} (of {futures.Count}) futures unfinished");
                yield return next;
            }
        }
        finally
        {
            futures.ForEach(f => f.RemoveWaiter(waiter));
        }
    }

    private static List<Future> Distinct<TFuture>(IEnumerable<TFuture> futures)
        where TFuture : Future
    {
        ArgumentNullException.ThrowIfNull(futures);
        var seen = new HashSet<Future>(ReferenceEqualityComparer.Instance);
        var distinct = new List<Future>();
        foreach (TFuture future in futures)
        {
            if (future is null)
            {
                throw new ArgumentException("The futures must not contain null.", nameof(futures));
            }

            if (seen.Add(future))
            {
                distinct.Add(future);
            }
        }

        return distinct;
    }
}
