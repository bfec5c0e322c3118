using System.Runtime.ExceptionServices;
using Weave.Primitives;

namespace Weave.Harness.Internal;

/// <summary>One round of a scenario: fresh system, one thread per op list, every call recorded.</summary>
/// <remarks>
/// <para>Threads are Weave <see cref="WorkerThread"/>s released by a Weave <see cref="Event"/> and joined with a
/// timed join, all in Weave.Primitives: that assembly is rewritten for Coyote, so the same code runs on
/// real threads (stress) and under the systematic scheduler (where the join's timeout is explored).</para>
/// <para>Faults. Each call gets its own cancellation token. A call that ends with an
/// <see cref="OperationCanceledException"/> for that token, or with a <see cref="ThreadInterruptedException"/>, is
/// recorded as a call with no effect (<see cref="HistoryCall{TOp, TResult}.ReturnNoEffect"/>), which the checker
/// verifies. Under Coyote the faults come from ExploreInterrupts / ExploreCancellation; on real threads from a
/// <see cref="FaultInjector"/> when stress asks for one.</para>
/// </remarks>
internal static class ScenarioRunner
{
    public static RoundResult<TOp, TResult> Run<TSystem, TState, TOp, TResult>(
        ConcurrentSpec<TSystem, TState, TOp, TResult> spec, Scenario<TOp> scenario, TimeSpan roundTimeout, FaultInjector? injector = null)
    {
        var system = spec.Create();
        var history = new History<TOp, TResult>();
        var start = new Event();
        int count = scenario.Threads.Count;
        var errors = new Exception?[count];
        var threads = new WorkerThread[count];
        injector?.Begin(scenario);
        for (int t = 0; t < threads.Length; t++)
        {
            int thread = t;
            threads[t] = new WorkerThread(
                () =>
                {
                    AwaitStart(start);
                    injector?.Attach(thread);
                    try
                    {
                        var ops = scenario.Threads[thread];
                        for (int i = 0; i < ops.Count; i++)
                        {
                            using var cancellation = new CancellationTokenSource();
                            var call = history.Invoke(thread, ops[i]);
                            injector?.Entering(thread, i, cancellation);
                            try
                            {
                                var result = spec.Apply(system, ops[i], cancellation.Token);
                                injector?.Leaving(thread);
                                call.Return(result);
                            }
                            catch (ThreadInterruptedException)
                            {
                                injector?.Leaving(thread);
                                call.ReturnNoEffect("interrupted");
                            }
                            catch (OperationCanceledException e) when (e.CancellationToken == cancellation.Token || cancellation.IsCancellationRequested)
                            {
                                injector?.Leaving(thread);
                                call.ReturnNoEffect("cancelled");
                            }
                        }
                    }
                    catch (ThreadInterruptedException e)
                    {
                        errors[thread] = e; // Typed on its own: under Coyote's rewriting catch (Exception) never sees one.
                    }
                    catch (Exception e)
                    {
                        errors[thread] = e;
                    }
                    finally
                    {
                        injector?.Detach(thread);
                        Interrupts.Clear(); // An interrupt that arrived after the last call is nobody's business now.
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

        injector?.End();
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

    // The start gate is the runner's, not a call of the scenario: an interrupt that lands here (a scenario
    // thread is a fault target) is kept for the first call instead.
    private static void AwaitStart(Event start)
    {
        bool interrupted = false;
        while (true)
        {
            try
            {
                start.Wait();
                break;
            }
            catch (ThreadInterruptedException)
            {
                interrupted = true;
            }
        }

        if (interrupted)
        {
            Interrupts.Rearm();
        }
    }
}

/// <summary>The calls of one round, and whether it had to be abandoned.</summary>
internal sealed record RoundResult<TOp, TResult>(IReadOnlyList<HistoryEntry<TOp, TResult>> Calls, bool Abandoned);
