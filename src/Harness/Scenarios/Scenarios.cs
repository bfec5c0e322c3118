using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Weave.Harness.Internal;

namespace Weave.Harness;

/// <summary>
/// FsCheck generators and properties built from a <see cref="ConcurrentSpec{TSystem, TState, TOp, TResult}"/>:
/// concurrent scenarios (which shrink toward fewer threads and operations) and the sequential model property.
/// </summary>
public static class Scenarios
{
    /// <summary>The longest a sequential run or a scenario round may take before it counts as blocked: ten seconds.</summary>
    public static readonly TimeSpan DefaultRoundTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Generates scenarios of <paramref name="threads"/> threads with up to <paramref name="opsPerThread"/>
    /// operations each (fewer at FsCheck's small sizes).
    /// </summary>
    /// <typeparam name="TSystem">The object under test.</typeparam>
    /// <typeparam name="TState">The sequential spec's state.</typeparam>
    /// <typeparam name="TOp">The operation type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="spec">The spec whose <see cref="ConcurrentSpec{TSystem, TState, TOp, TResult}.OpsFor"/> generates each thread's operations.</param>
    /// <param name="threads">The number of threads (at least 1).</param>
    /// <param name="opsPerThread">The most operations per thread (at least 1).</param>
    /// <returns>The generator (see <see cref="Arbitrary{TSystem, TState, TOp, TResult}(ConcurrentSpec{TSystem, TState, TOp, TResult}, int, int)"/> for the shrinking version).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threads"/> or <paramref name="opsPerThread"/> is below 1.</exception>
    public static Gen<Scenario<TOp>> Gen<TSystem, TState, TOp, TResult>(
        ConcurrentSpec<TSystem, TState, TOp, TResult> spec, int threads = 2, int opsPerThread = 3)
    {
        return Gen(spec, threads, opsPerThread, initOps: 0, postOps: 0);
    }

    /// <summary>
    /// Generates scenarios with a sequential init part (1 to <paramref name="initOps"/> operations from
    /// <see cref="ConcurrentSpec{TSystem, TState, TOp, TResult}.InitOps"/>, run before the threads start) and a
    /// post part (1 to <paramref name="postOps"/> operations from
    /// <see cref="ConcurrentSpec{TSystem, TState, TOp, TResult}.PostOps"/>, run after they join); 0 leaves a part
    /// out. Operations the spec marks quiescent-only are never generated into the threads.
    /// </summary>
    /// <typeparam name="TSystem">The object under test.</typeparam>
    /// <typeparam name="TState">The sequential spec's state.</typeparam>
    /// <typeparam name="TOp">The operation type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="spec">The spec.</param>
    /// <param name="threads">The number of threads (at least 1).</param>
    /// <param name="opsPerThread">The most operations per thread (at least 1).</param>
    /// <param name="initOps">The most operations in the init part (0: none).</param>
    /// <param name="postOps">The most operations in the post part (0: none).</param>
    /// <returns>The generator.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is out of range.</exception>
    public static Gen<Scenario<TOp>> Gen<TSystem, TState, TOp, TResult>(
        ConcurrentSpec<TSystem, TState, TOp, TResult> spec, int threads, int opsPerThread, int initOps, int postOps)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(opsPerThread, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(initOps);
        ArgumentOutOfRangeException.ThrowIfNegative(postOps);
        return FsCheck.Fluent.Gen.Sized(size =>
        {
            int most = Math.Clamp(size, 1, opsPerThread);
            var perThread = Enumerable.Range(0, threads)
                .Select(t => FsCheck.Fluent.Gen.Choose(1, most).SelectMany(n => FsCheck.Fluent.Gen.ArrayOf(Concurrent(spec, t), n)))
                .ToArray();
            return from init in Part(spec.InitOps, initOps)
                   from ops in FsCheck.Fluent.Gen.CollectToArray(perThread)
                   from post in Part(spec.PostOps, postOps)
                   select new Scenario<TOp>(init, ops, post);
        });
    }

    /// <summary>Generated scenarios that shrink (a thread fewer, then an operation fewer).</summary>
    /// <inheritdoc cref="Gen{TSystem, TState, TOp, TResult}(ConcurrentSpec{TSystem, TState, TOp, TResult}, int, int)"/>
    public static Arbitrary<Scenario<TOp>> Arbitrary<TSystem, TState, TOp, TResult>(
        ConcurrentSpec<TSystem, TState, TOp, TResult> spec, int threads = 2, int opsPerThread = 3) =>
        Arb.From(Gen(spec, threads, opsPerThread), scenario => scenario.Shrink());

    /// <summary>Generated scenarios with init and post parts that shrink (a thread fewer, then an operation fewer).</summary>
    /// <inheritdoc cref="Gen{TSystem, TState, TOp, TResult}(ConcurrentSpec{TSystem, TState, TOp, TResult}, int, int, int, int)"/>
    public static Arbitrary<Scenario<TOp>> Arbitrary<TSystem, TState, TOp, TResult>(
        ConcurrentSpec<TSystem, TState, TOp, TResult> spec, int threads, int opsPerThread, int initOps, int postOps) =>
        Arb.From(Gen(spec, threads, opsPerThread, initOps, postOps), scenario => scenario.Shrink());

    // A thread's operations: the spec's, without those that are meaningful only at quiescence.
    private static Gen<TOp> Concurrent<TSystem, TState, TOp, TResult>(ConcurrentSpec<TSystem, TState, TOp, TResult> spec, int thread) =>
        spec.OpsFor(thread).Where(op => !spec.IsQuiescentOnly(op));

    private static Gen<TOp[]> Part<TOp>(Gen<TOp> ops, int most) =>
        most == 0 ? FsCheck.Fluent.Gen.Constant(Array.Empty<TOp>()) : FsCheck.Fluent.Gen.Choose(1, most).SelectMany(n => FsCheck.Fluent.Gen.ArrayOf(ops, n));

    /// <summary>
    /// The sequential model property: a generated list of operations, run one at a time on a fresh object
    /// on one thread, gives at every step a result the sequential spec allows. FsCheck shrinks a failure to
    /// the shortest list; the failure message shows each step with the model's state.
    /// </summary>
    /// <typeparam name="TSystem">The object under test.</typeparam>
    /// <typeparam name="TState">The sequential spec's state.</typeparam>
    /// <typeparam name="TOp">The operation type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="spec">The spec.</param>
    /// <param name="maxOps">The most operations in one run.</param>
    /// <returns>The property, for <c>Check.One</c> or an FsCheck <c>[Property]</c> test.</returns>
    public static Property SequentialProperty<TSystem, TState, TOp, TResult>(
        ConcurrentSpec<TSystem, TState, TOp, TResult> spec, int maxOps = 30)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxOps, 1);
        var ops = FsCheck.Fluent.Gen.Sized(size => FsCheck.Fluent.Gen.Choose(1, Math.Clamp(size, 1, maxOps))
            .SelectMany(n => FsCheck.Fluent.Gen.ArrayOf(spec.OpsFor(0), n)));
        var arbitrary = Arb.From(ops, ShrinkList);
        return Prop.ForAll(arbitrary, (TOp[] run) => RunSequential(spec, run));
    }

    /// <summary>
    /// The concurrent property on real threads: each generated scenario runs
    /// <see cref="StressOptions.RoundsPerScenario"/> rounds and every history must be linearizable. FsCheck
    /// shrinks a failing scenario (each smaller candidate gets the same number of rounds to fail again).
    /// </summary>
    /// <typeparam name="TSystem">The object under test.</typeparam>
    /// <typeparam name="TState">The sequential spec's state.</typeparam>
    /// <typeparam name="TOp">The operation type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="spec">The spec.</param>
    /// <param name="options">Threads, operations, rounds per scenario, timeouts (defaults when null).</param>
    /// <returns>The property.</returns>
    public static Property StressProperty<TSystem, TState, TOp, TResult>(
        ConcurrentSpec<TSystem, TState, TOp, TResult> spec, StressOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var settings = (options ?? new StressOptions()).WithEnvironmentOverrides();
        return Prop.ForAll(Arbitrary(spec, settings.Threads, settings.OpsPerThread, settings.InitOps, settings.PostOps), (Scenario<TOp> scenario) =>
        {
            var report = Stress.Run(spec, scenario, settings with { Rounds = settings.RoundsPerScenario, Shrink = false });
            if (report.ViolationFound)
            {
                throw new LinearizabilityViolationException(report.Message, report.Result, report.Scenario);
            }
        });
    }

    private static void RunSequential<TSystem, TState, TOp, TResult>(ConcurrentSpec<TSystem, TState, TOp, TResult> spec, TOp[] run)
    {
        // One thread, one call at a time: each result must be legal in the model's current state.
        var round = ScenarioRunner.Run(spec, new Scenario<TOp>([run]), DefaultRoundTimeout);
        var model = spec.Sequential;
        var state = model.Initial;
        var trace = new StringBuilder();
        foreach (var call in round.Calls)
        {
            if (call.IsPending)
            {
                throw new InvalidOperationException(
                    $"{call.Op} blocked for {DefaultRoundTimeout.TotalSeconds:0} s in a one-thread run (after: {trace}); generate only operations that cannot block for ever, or timed forms.");
            }

            var (legal, next) = model.Step(state, call.Op, call.Result!);
            trace.Append(call.Op).Append(" -> ").Append(call.Result).Append("; ");
            if (!legal)
            {
                throw new InvalidOperationException(
                    $"Sequential run broke the model: {trace}the last result is not what the spec allows in state {state}.");
            }

            state = next;
        }
    }

    private static IEnumerable<TOp[]> ShrinkList<TOp>(TOp[] run)
    {
        if (run.Length > 1)
        {
            yield return run[..(run.Length / 2)];
            for (int i = run.Length - 1; i >= 0; i--)
            {
                yield return [.. run[..i], .. run[(i + 1)..]];
            }
        }
    }
}
