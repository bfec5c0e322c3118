using System.Runtime.ExceptionServices;
using Weave.Primitives;

namespace Weave.Harness.Internal;

/// <summary>One round of a scenario: fresh system, one thread per op list, every call recorded.</summary>
/// <remarks>
/// Threads are Weave <see cref="WorkerThread"/>s released by a Weave <see cref="Event"/> and joined with a
/// timed join, all in Weave.Primitives: that assembly is rewritten for Coyote, so the same code runs on
/// real threads (stress) and under the systematic scheduler (where the join's timeout is explored).
/// </remarks>
internal static class ScenarioRunner
{
    public static RoundResult<TOp, TResult> Run<TSystem, TState, TOp, TResult>(
        ConcurrentSpec<TSystem, TState, TOp, TResult> spec, Scenario<TOp> scenario, TimeSpan roundTimeout)
    {
        var system = spec.Create();
        var history = new History<TOp, TResult>();
        var start = new Event();
        var errors = new Exception?[scenario.Threads.Count];
        var threads = new WorkerThread[scenario.Threads.Count];
        for (int t = 0; t < threads.Length; t++)
        {
            int thread = t;
            threads[t] = new WorkerThread(
                () =>
                {
                    start.Wait();
                    try
                    {
                        foreach (var op in scenario.Threads[thread])
                        {
                            var call = history.Invoke(thread, op);
                            call.Return(spec.Apply(system, op));
                        }
                    }
                    catch (Exception e)
                    {
                        errors[thread] = e;
                    }
                },
                name: $"scenario-T{thread}",
                isDaemon: true);
            threads[t].Start();
        }

        start.Set();
        var deadline = Deadline.After(roundTimeout);
        bool finished = true;
        foreach (var thread in threads)
        {
            finished &= thread.Join(deadline.Remaining);
        }

        var entries = history.Entries();
        if (!finished)
        {
            // Release what is still blocked so the threads end; the calls they were in stay pending in `entries`.
            spec.Abandon(system);
            var grace = Deadline.After(roundTimeout);
            foreach (var thread in threads)
            {
                thread.Join(grace.Remaining);
            }
        }

        if (errors.FirstOrDefault(e => e is not null) is { } error)
        {
            ExceptionDispatchInfo.Throw(new InvalidOperationException(
                $"{spec}.Apply threw {error.GetType().Name}: {error.Message} — encode expected exceptions in the result type.", error));
        }

        return new RoundResult<TOp, TResult>(entries, !finished);
    }
}

/// <summary>The calls of one round, and whether it had to be abandoned.</summary>
internal sealed record RoundResult<TOp, TResult>(IReadOnlyList<HistoryEntry<TOp, TResult>> Calls, bool Abandoned);
