namespace Weave.Primitives;

/// <summary>The result iteration shared by the executors' and the process pool's <c>Map</c>.</summary>
internal static class FutureSequence
{
    /// <summary>
    /// Yields each future's result in order under one deadline. On an error, a timeout or an
    /// abandoned iteration, the awaited future and the rest are cancelled (gh-95166: the awaited
    /// one used to be left running).
    /// </summary>
    internal static IEnumerable<TResult> InOrder<TResult>(IReadOnlyList<Future<TResult>> futures, Deadline deadline)
    {
        int next = 0;
        try
        {
            for (; next < futures.Count; next++)
            {
                yield return futures[next].Result(deadline);
            }
        }
        finally
        {
            for (int i = next; i < futures.Count; i++)
            {
                futures[i].Cancel();
            }
        }
    }
}
