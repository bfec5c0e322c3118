using Weave.Primitives;

namespace Weave.SystematicTests.SeededBugs;

/// <summary>The surface of a future the catalog's future scenarios use.</summary>
internal interface IFutureLike
{
    void SetResult(int value);

    int Result();
}

/// <summary>Weave's future behind <see cref="IFutureLike"/>.</summary>
internal sealed class RealFuture : IFutureLike
{
    private readonly Future<int> _future = new();

    public void SetResult(int value) => _future.SetResult(value);

    public int Result() => _future.Result();
}

/// <summary>
/// Unguarded future state: set_result checks "not done yet" and stores the result in two steps
/// outside the lock, so two racing completions both succeed and a reader can see either value.
/// </summary>
internal sealed class UnguardedFuture : IFutureLike
{
    private readonly Event _done = new();
    private int _finished; // 0 or 1, read and written without a lock.
    private int _value;

    public void SetResult(int value)
    {
        if (Volatile.Read(ref _finished) == 1)
        {
            throw new InvalidOperationException("already finished");
        }

        Volatile.Write(ref _value, value); // BUG: check-then-act; another SetResult can pass the check too.
        Volatile.Write(ref _finished, 1);
        _done.Set();
    }

    public int Result()
    {
        _done.Wait();
        return Volatile.Read(ref _value);
    }
}

/// <summary>
/// gh-95166: Executor.map(timeout) cancelled the futures after the one it was waiting on, but not
/// that one, so work queued before the timeout still ran after map had given up.
/// </summary>
internal static class ExecutorMaps
{
    /// <summary>The buggy map: on timeout it cancels only the futures after the awaited one.</summary>
    public static IEnumerable<int> MapForgettingTheAwaitedFuture(ThreadPoolExecutor executor, Func<int, int> function, int[] items, TimeSpan timeout)
    {
        Deadline deadline = Deadline.After(timeout);
        List<Future<int>> futures = [.. items.Select(item => executor.Submit(() => function(item)))];
        for (int i = 0; i < futures.Count; i++)
        {
            int result;
            try
            {
                TimeSpan remaining = deadline.HasExpired ? TimeSpan.Zero : deadline.Remaining;
                result = futures[i].Result(deadline.IsInfinite ? Timeout.InfiniteTimeSpan : remaining);
            }
            catch (TimeoutException)
            {
                for (int j = i + 1; j < futures.Count; j++) // BUG: starts after the awaited future.
                {
                    futures[j].Cancel();
                }

                throw;
            }

            yield return result;
        }
    }

    /// <summary>Weave's own Map, for the correct twin.</summary>
    public static IEnumerable<int> WeaveMap(ThreadPoolExecutor executor, Func<int, int> function, int[] items, TimeSpan timeout) =>
        executor.Map(function, items, timeout);
}
