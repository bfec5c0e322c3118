using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Weave.Primitives;

namespace Weave.Harness.Internal;

/// <summary>One round of a scenario: fresh system, its init part, one thread per op list, its post part once they have
/// all joined; every call recorded.</summary>
/// <remarks>
/// <para>Threads are Weave <see cref="WorkerThread"/>s released by a Weave <see cref="Event"/> and joined with a
/// timed join, all in Weave.Primitives: that assembly is rewritten for Coyote, so the same code runs on
/// real threads (stress) and under the systematic scheduler (where the join's timeout is explored).</para>
/// <para>Faults. Each call gets its own cancellation token. A call that ends with an
/// <see cref="OperationCanceledException"/> for that token, or with a <see cref="ThreadInterruptedException"/>, is
/// recorded as a call with no effect (<see cref="HistoryCall{TOp, TResult}.ReturnNoEffect"/>), which the checker
/// verifies. Under Coyote the faults come from ExploreInterrupts / ExploreCancellation; on real threads from a
/// <see cref="FaultInjector"/> when stress asks for one.</para>
/// <para>Blocked calls. When the threads do not all finish in time, the runner asks whether the round is
/// quiescent — every unfinished thread blocked with nothing left to wake it — and if so marks their calls
/// <see cref="HistoryEntry{TOp, TResult}.IsBlocked"/>, so the checker can tell a legal wait (a get on an empty
/// queue) from a lost wake-up. Under Coyote that is exact: no other controlled operation can run
/// (<see cref="CoyoteQuiescence"/>). On real threads it is decided for waits in Weave's primitives only: each
/// unfinished thread parked with no deadline on a node no one has signalled, no fault on its way, and the same
/// twice across a short pause with no event recorded in between. Then the runner cancels the calls' tokens and
/// calls <see cref="ConcurrentSpec{TSystem, TState, TOp, TResult}.Abandon"/>, and the threads stop after the call
/// they are in.</para>
/// </remarks>
internal static class ScenarioRunner
{
    // Real threads: how long an unfinished round's parks must stay unchanged before its calls count as blocked.
    private static readonly TimeSpan s_realThreadSettle = TimeSpan.FromMilliseconds(20);

    public static RoundResult<TOp, TResult> Run<TSystem, TState, TOp, TResult>(
        ConcurrentSpec<TSystem, TState, TOp, TResult> spec, Scenario<TOp> scenario, TimeSpan roundTimeout, FaultInjector? injector = null)
    {
        var system = spec.Create();
        var history = new History<TOp, TResult>();
        var start = new Event();
        int count = scenario.Threads.Count;
        var errors = new Exception?[count];
        var threads = new WorkerThread[count];
        var running = new CancellationTokenSource?[count]; // Each thread's current call's token (the runner cancels it on abandonment).
        var parks = new ParkSlot?[count];
        var abandoned = new StrongBox<bool>();

        // The init part: on this thread, numbered after the scenario threads, before any of them exists. Not a
        // fault target (the runner's thread never is), and its calls end before every concurrent call begins.
        RunSequentialPart(spec, system, history, scenario.Init, count);
        injector?.Begin(scenario);
        for (int t = 0; t < threads.Length; t++)
        {
            int thread = t;
            threads[t] = new WorkerThread(
                () =>
                {
                    parks[thread] = ParkSlot.Current;
                    AwaitStart(start);
                    injector?.Attach(thread);
                    try
                    {
                        var ops = scenario.Threads[thread];
                        for (int i = 0; i < ops.Count && !Volatile.Read(ref abandoned.Value); i++)
                        {
                            using var cancellation = new CancellationTokenSource();
                            Volatile.Write(ref running[thread], cancellation);
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
                            finally
                            {
                                Volatile.Write(ref running[thread], null);
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
        IReadOnlyList<HistoryEntry<TOp, TResult>> entries;
        int blocked = 0;
        if (finished)
        {
            if (scenario.Post.Count > 0 && errors.All(e => e is null))
            {
                // The post part observes the object at quiescence: its own background work done (Quiesce), and
                // under Coyote every other controlled operation run as far as it can go.
                spec.Quiesce(system);
                if (SystematicHook.CurrentMode != WaitMode.Real)
                {
                    CoyoteQuiescence.Settle();
                }

                RunSequentialPart(spec, system, history, scenario.Post, count);
            }

            entries = history.Entries();
        }
        else
        {
            (entries, blocked) = MarkBlocked(history, threads, parks, running, injector);

            // Release what is still blocked so the threads end; the calls they were in stay pending (or blocked) in `entries`.
            Volatile.Write(ref abandoned.Value, true);
            foreach (var source in running)
            {
                CancelQuietly(source);
            }

            spec.Abandon(system);
            var grace = Deadline.After(roundTimeout);
            foreach (var thread in threads)
            {
                thread.Join(grace.Remaining);
            }
        }

        if (errors.FirstOrDefault(e => e is not null) is { } error)
        {
            ExceptionDispatchInfo.Throw(ApplyThrew(spec, error));
        }

        return new RoundResult<TOp, TResult>(entries, !finished, blocked);
    }

    // The calls of a round that did not finish, each unfinished thread's call marked blocked when the round is
    // quiescent (see the remarks).
    private static (IReadOnlyList<HistoryEntry<TOp, TResult>> Entries, int Blocked) MarkBlocked<TOp, TResult>(
        History<TOp, TResult> history, WorkerThread[] threads, ParkSlot?[] parks, CancellationTokenSource?[] running, FaultInjector? injector)
    {
        bool controlled = SystematicHook.CurrentMode != WaitMode.Real;
        Waiter?[]? before = null;
        long events = history.EventCount;
        if (controlled ? !CoyoteQuiescence.Settle() : (before = ParkedForGood(threads, parks, running, injector)) is null)
        {
            return (history.Entries(), 0);
        }

        var entries = history.Entries();
        if (!controlled)
        {
            // Real threads: the same parks, and nothing recorded, across a short pause (a thread woken just now
            // would have moved on). Joining a thread that is still alive is the pause; finishing ends the question.
            var alive = Array.Find(threads, t => t.IsAlive);
            if (alive is null || alive.Join(s_realThreadSettle))
            {
                return (entries, 0);
            }

            var after = ParkedForGood(threads, parks, running, injector);
            if (after is null || !after.AsSpan().SequenceEqual(before) || history.EventCount != events + 1)
            {
                return (history.Entries(), 0);
            }
        }

        var stuck = new HashSet<int>();
        for (int t = 0; t < threads.Length; t++)
        {
            if (threads[t].IsAlive)
            {
                stuck.Add(t);
            }
        }

        int blocked = 0;
        var marked = entries.Select(e =>
        {
            if (e.IsPending && stuck.Contains(e.Thread))
            {
                blocked++;
                return e with { IsBlocked = true };
            }

            return e;
        }).ToList();
        return (marked, blocked);
    }

    // Real threads: each unfinished thread's untimed park, or null if one of them is not parked for good.
    private static Waiter?[]? ParkedForGood(WorkerThread[] threads, ParkSlot?[] parks, CancellationTokenSource?[] running, FaultInjector? injector)
    {
        var parked = new Waiter?[threads.Length];
        for (int t = 0; t < threads.Length; t++)
        {
            if (!threads[t].IsAlive)
            {
                continue;
            }

            var slot = Volatile.Read(ref parks[t]);
            if (slot?.Forever is not { IsWaiting: true } waiter
                || Volatile.Read(ref running[t]) is not { IsCancellationRequested: false }
                || injector?.FaultReached(t) == true)
            {
                return null;
            }

            parked[t] = waiter;
        }

        return parked;
    }

    // Init or post: one call after another on the runner's thread (logical thread `thread`), no faults, no token.
    private static void RunSequentialPart<TSystem, TState, TOp, TResult>(
        ConcurrentSpec<TSystem, TState, TOp, TResult> spec, TSystem system, History<TOp, TResult> history, IReadOnlyList<TOp> ops, int thread)
    {
        foreach (var op in ops)
        {
            var call = history.Invoke(thread, op);
            TResult result;
            try
            {
                result = spec.Apply(system, op, CancellationToken.None);
            }
            catch (Exception e)
            {
                throw ApplyThrew(spec, e);
            }

            call.Return(result);
        }
    }

    private static InvalidOperationException ApplyThrew(object spec, Exception error) =>
        new($"{spec}.Apply threw {error.GetType().Name}: {error.Message} — encode expected exceptions in the result type.", error);

    private static void CancelQuietly(CancellationTokenSource? source)
    {
        try
        {
            source?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The call ended meanwhile.
        }
        catch (AggregateException)
        {
            // A callback registered by the code under test threw; the round is being abandoned anyway.
        }
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

/// <summary>The calls of one round, whether it had to be abandoned, and how many calls it left blocked for good.</summary>
internal sealed record RoundResult<TOp, TResult>(IReadOnlyList<HistoryEntry<TOp, TResult>> Calls, bool Abandoned, int Blocked);
