using System.Diagnostics;
using FsCheck;
using FsCheck.Fluent;
using Weave.Harness.Internal;

namespace Weave.Harness;

/// <summary>
/// Stress testing on real threads: many rounds of generated scenarios, each round's history checked for
/// linearizability against the spec. A violation is shrunk to a smaller scenario that still fails and
/// reported with its per-thread table, an HTML time line and the seed that replays it.
/// </summary>
public static class Stress
{
    private const int MaxShrinkRounds = 400;

    /// <summary>Runs generated scenarios (<see cref="StressOptions.Rounds"/> rounds) and reports the first violation.</summary>
    /// <typeparam name="TSystem">The object under test.</typeparam>
    /// <typeparam name="TState">The sequential spec's state.</typeparam>
    /// <typeparam name="TOp">The operation type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="spec">The spec.</param>
    /// <param name="options">Rounds, threads, seed…; null uses the defaults. WEAVE_STRESS_ROUNDS / WEAVE_STRESS_SEED override them.</param>
    /// <returns>The report (never throws for a violation; see <see cref="Check{TSystem, TState, TOp, TResult}(ConcurrentSpec{TSystem, TState, TOp, TResult}, StressOptions?)"/>).</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="InvalidOperationException">The spec's Apply threw (expected exceptions belong in the result type).</exception>
    public static StressReport Run<TSystem, TState, TOp, TResult>(ConcurrentSpec<TSystem, TState, TOp, TResult> spec, StressOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return RunCore(spec, null, options);
    }

    /// <summary>Runs one given scenario for <see cref="StressOptions.Rounds"/> rounds.</summary>
    /// <inheritdoc cref="Run{TSystem, TState, TOp, TResult}(ConcurrentSpec{TSystem, TState, TOp, TResult}, StressOptions?)"/>
    /// <param name="spec">The spec.</param>
    /// <param name="scenario">The scenario.</param>
    /// <param name="options">Rounds, timeouts…</param>
    public static StressReport Run<TSystem, TState, TOp, TResult>(
        ConcurrentSpec<TSystem, TState, TOp, TResult> spec, Scenario<TOp> scenario, StressOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(scenario);
        return RunCore(spec, scenario, options);
    }

    /// <summary>As <see cref="Run{TSystem, TState, TOp, TResult}(ConcurrentSpec{TSystem, TState, TOp, TResult}, StressOptions?)"/>, but throws on a violation.</summary>
    /// <inheritdoc cref="Run{TSystem, TState, TOp, TResult}(ConcurrentSpec{TSystem, TState, TOp, TResult}, StressOptions?)"/>
    /// <exception cref="LinearizabilityViolationException">A history was not linearizable; the message holds the scenario, the table, the seed.</exception>
    public static StressReport Check<TSystem, TState, TOp, TResult>(ConcurrentSpec<TSystem, TState, TOp, TResult> spec, StressOptions? options = null) =>
        ThrowIfViolation(Run(spec, options));

    /// <summary>As <see cref="Run{TSystem, TState, TOp, TResult}(ConcurrentSpec{TSystem, TState, TOp, TResult}, Scenario{TOp}, StressOptions?)"/>, but throws on a violation.</summary>
    /// <inheritdoc cref="Run{TSystem, TState, TOp, TResult}(ConcurrentSpec{TSystem, TState, TOp, TResult}, Scenario{TOp}, StressOptions?)"/>
    /// <exception cref="LinearizabilityViolationException">A history was not linearizable.</exception>
    public static StressReport Check<TSystem, TState, TOp, TResult>(
        ConcurrentSpec<TSystem, TState, TOp, TResult> spec, Scenario<TOp> scenario, StressOptions? options = null) =>
        ThrowIfViolation(Run(spec, scenario, options));

    private static StressReport ThrowIfViolation(StressReport report) =>
        report.ViolationFound ? throw new LinearizabilityViolationException(report.Message, report.Result, report.Scenario) : report;

    private static StressReport RunCore<TSystem, TState, TOp, TResult>(
        ConcurrentSpec<TSystem, TState, TOp, TResult> spec, Scenario<TOp>? fixedScenario, StressOptions? options)
    {
        options = (options ?? new StressOptions()).WithEnvironmentOverrides();
        options.Validate();
        ulong seed = options.Seed ?? (ulong)Random.Shared.NextInt64(1, long.MaxValue);
        var clock = Stopwatch.StartNew();
        var generator = Scenarios.Gen(spec, options.Threads, options.OpsPerThread, options.InitOps, options.PostOps);
        Scenario<TOp>? scenario = null;
        int scenarios = 0, abandoned = 0, blocked = 0, undecided = 0, round = 0, faults = 0;
        StressReport Report() => new()
        {
            Rounds = round,
            ScenariosTried = scenarios,
            AbandonedRounds = abandoned,
            BlockedRounds = blocked,
            UndecidedChecks = undecided,
            Seed = seed,
            Elapsed = clock.Elapsed,
            FaultsInjected = faults,
        };

        while (round < options.Rounds && !(options.TimeBudget is { } budget && clock.Elapsed > budget))
        {
            if (round % options.RoundsPerScenario == 0 || scenario is null)
            {
                scenario = fixedScenario ?? FsCheck.Fluent.Gen.Sample(generator, 1, new Rnd(seed + (ulong)scenarios), options.OpsPerThread)[0];
                scenarios++;
            }

            round++;
            var (result, wasAbandoned, hadBlocked) = RunAndCheck(spec, scenario, options, seed + (ulong)round, ref faults);
            abandoned += wasAbandoned ? 1 : 0;
            blocked += hadBlocked ? 1 : 0;
            if (result.TimedOut)
            {
                undecided++;
                continue;
            }

            if (result.IsViolation)
            {
                var original = scenario;
                if (options.Shrink)
                {
                    (scenario, result) = Shrunk(spec, scenario, result, options);
                }

                string html = Path.Combine(
                    options.HtmlDirectory ?? TestIdentity.ArtifactsDirectory("linearizability", spec.DefinedIn.Assembly),
                    $"{Sanitize(spec.ToString() ?? "spec")}-{seed}-round{round}.html");
                result.WriteHtml(html);
                return Report() with
                {
                    ViolationFound = true,
                    RoundOfFirstViolation = round,
                    Scenario = scenario.ToString(),
                    OriginalScenario = original.ToString(),
                    Result = result,
                    HtmlFile = html,
                };
            }
        }

        return Report();
    }

    private static (LinearizabilityResult<TOp, TResult> Result, bool Abandoned, bool Blocked) RunAndCheck<TSystem, TState, TOp, TResult>(
        ConcurrentSpec<TSystem, TState, TOp, TResult> spec, Scenario<TOp> scenario, StressOptions options, ulong roundSeed, ref int faults)
    {
        var injector = options.InterruptRate > 0 || options.CancellationRate > 0
            ? new FaultInjector(options.InterruptRate, options.CancellationRate, roundSeed)
            : null;
        var round = ScenarioRunner.Run(spec, scenario, options.RoundTimeout, injector);
        faults += injector?.Delivered ?? 0;
        return (Linearizability.Check(spec.Sequential, round.Calls, options.CheckBudget), round.Abandoned, round.Blocked > 0);
    }

    // Greedy: adopt the first smaller scenario that fails again within a few rounds, until none does.
    private static (Scenario<TOp>, LinearizabilityResult<TOp, TResult>) Shrunk<TSystem, TState, TOp, TResult>(
        ConcurrentSpec<TSystem, TState, TOp, TResult> spec, Scenario<TOp> scenario, LinearizabilityResult<TOp, TResult> result, StressOptions options)
    {
        int budget = MaxShrinkRounds;
        int shrinkFaults = 0;
        int tries = Math.Max(2 * options.RoundsPerScenario, 10);
        bool smaller = true;
        while (smaller && budget > 0)
        {
            smaller = false;
            foreach (var candidate in scenario.Shrink())
            {
                for (int i = 0; i < tries && budget > 0; i++, budget--)
                {
                    var (again, _, _) = RunAndCheck(spec, candidate, options, (ulong)budget, ref shrinkFaults);
                    if (again.IsViolation)
                    {
                        (scenario, result, smaller) = (candidate, again, true);
                        break;
                    }
                }

                if (smaller || budget == 0)
                {
                    break;
                }
            }
        }

        return (scenario, result);
    }

    private static string Sanitize(string name) => string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
}
