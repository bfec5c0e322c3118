using System.Runtime.CompilerServices;
using Weave.Harness.Internal;

namespace Weave.Harness;

// Systematic.ExploreScenario: the scenario back end of ConcurrentSpec, under Coyote.
public static partial class Systematic
{
    /// <summary>
    /// Explores interleavings of one scenario under Coyote: every iteration runs the scenario's threads on a
    /// fresh object, records the history and checks it for linearizability; a violation (or a deadlock, or an
    /// exception) is a bug, saved as a schedule with the command that replays it, its message holding the
    /// per-thread table of the smallest failing part and the path of an HTML time line.
    /// </summary>
    /// <typeparam name="TSystem">The object under test.</typeparam>
    /// <typeparam name="TState">The sequential spec's state.</typeparam>
    /// <typeparam name="TOp">The operation type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="spec">The spec (its assembly, and the code under test, must be rewritten by Coyote: the harness's build targets do it).</param>
    /// <param name="scenario">The scenario (for example one drawn from <see cref="Scenarios.Gen{TSystem, TState, TOp, TResult}(ConcurrentSpec{TSystem, TState, TOp, TResult}, int, int)"/>).</param>
    /// <param name="options">Iterations, strategy, seed…; null uses the defaults. Environment variables override them.</param>
    /// <param name="name">The calling test's name (filled in by the compiler).</param>
    /// <returns>The report; <see cref="SystematicReport.BugFound"/> tells whether a bug was found.</returns>
    /// <exception cref="InvalidOperationException">The spec's assembly or Weave.Primitives was not rewritten by Coyote.</exception>
    public static SystematicReport ExploreScenario<TSystem, TState, TOp, TResult>(
        ConcurrentSpec<TSystem, TState, TOp, TResult> spec, Scenario<TOp> scenario, SystematicOptions? options = null, [CallerMemberName] string name = "")
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(scenario);
        var settings = options ?? new SystematicOptions();
        string html = HtmlFileFor(spec, scenario, settings, name);
        Action body = () => RunScenarioOnce(spec, scenario, html);
        return Run(body, settings, name, spec.DefinedIn);
    }

    /// <summary>As <see cref="ExploreScenario{TSystem, TState, TOp, TResult}"/>, but throws <see cref="SystematicBugException"/> on a bug.</summary>
    /// <inheritdoc cref="ExploreScenario{TSystem, TState, TOp, TResult}"/>
    /// <exception cref="SystematicBugException">A violation, deadlock or exception was found; the message holds it, the schedule file and the replay command.</exception>
    public static SystematicReport CheckScenario<TSystem, TState, TOp, TResult>(
        ConcurrentSpec<TSystem, TState, TOp, TResult> spec, Scenario<TOp> scenario, SystematicOptions? options = null, [CallerMemberName] string name = "") =>
        ThrowIfBug(ExploreScenario(spec, scenario, options, name));

    /// <summary>Replays a schedule saved by <see cref="ExploreScenario{TSystem, TState, TOp, TResult}"/> once, deterministically.</summary>
    /// <typeparam name="TSystem">The object under test.</typeparam>
    /// <typeparam name="TState">The sequential spec's state.</typeparam>
    /// <typeparam name="TOp">The operation type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="scheduleFile">The schedule file.</param>
    /// <param name="spec">The same spec.</param>
    /// <param name="scenario">The same scenario.</param>
    /// <param name="name">The calling test's name (filled in by the compiler).</param>
    /// <returns>The report: <see cref="SystematicReport.BugFound"/> when the violation comes back, with the interleaving.</returns>
    /// <exception cref="ScheduleFileException">The file is missing, empty, truncated, not a schedule, or from another test.</exception>
    public static SystematicReport ReplayScenario<TSystem, TState, TOp, TResult>(
        string scheduleFile, ConcurrentSpec<TSystem, TState, TOp, TResult> spec, Scenario<TOp> scenario, [CallerMemberName] string name = "") =>
        ReplayScenario(scheduleFile, spec, scenario, new SystematicOptions(), name);

    /// <summary>Replays a schedule saved by <see cref="ExploreScenario{TSystem, TState, TOp, TResult}"/>, writing the HTML time
    /// line under <paramref name="options"/>' <see cref="SystematicOptions.TraceDirectory"/> (the only option a replay uses).</summary>
    /// <inheritdoc cref="ReplayScenario{TSystem, TState, TOp, TResult}(string, ConcurrentSpec{TSystem, TState, TOp, TResult}, Scenario{TOp}, string)"/>
    /// <param name="scheduleFile">The schedule file.</param>
    /// <param name="spec">The same spec.</param>
    /// <param name="scenario">The same scenario.</param>
    /// <param name="options">Where the time line goes (<see cref="SystematicOptions.TraceDirectory"/>).</param>
    /// <param name="name">The calling test's name (filled in by the compiler).</param>
    public static SystematicReport ReplayScenario<TSystem, TState, TOp, TResult>(
        string scheduleFile, ConcurrentSpec<TSystem, TState, TOp, TResult> spec, Scenario<TOp> scenario, SystematicOptions options, [CallerMemberName] string name = "")
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(options);
        string html = HtmlFileFor(spec, scenario, options, name);
        Action body = () => RunScenarioOnce(spec, scenario, html);
        return ReplayCore(scheduleFile, body, TestIdentity.Resolve(body, name, spec.DefinedIn), spec.DefinedIn);
    }

    // artifacts/linearizability/<Class.Test>-<scenario hash>.html: stable, so a replay rewrites the same file.
    private static string HtmlFileFor<TSystem, TState, TOp, TResult>(
        ConcurrentSpec<TSystem, TState, TOp, TResult> spec, Scenario<TOp> scenario, SystematicOptions options, string name)
    {
        var identity = TestIdentity.Resolve(() => { }, name, spec.DefinedIn);
        string directory = options.TraceDirectory ?? TestIdentity.ArtifactsDirectory("linearizability", spec.DefinedIn.Assembly);
        uint hash = TextHash.Fnv1a(scenario.ToString());
        return Path.Combine(directory, $"{string.Concat(identity.ShortName.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' ? c : '_'))}-{hash:x8}.html");
    }

    private static void RunScenarioOnce<TSystem, TState, TOp, TResult>(
        ConcurrentSpec<TSystem, TState, TOp, TResult> spec, Scenario<TOp> scenario, string html)
    {
        var round = ScenarioRunner.Run(spec, scenario, Scenarios.DefaultRoundTimeout);
        var result = Linearizability.Check(spec.Sequential, round.Calls, Linearizability.DefaultBudget);
        if (result.IsViolation)
        {
            // Deterministic text (no timings), so a replay reports the same bug.
            result.WriteHtml(html);
            throw new LinearizabilityViolationException(
                $"""
                Scenario: {scenario}
                {result.ToText().TrimEnd()}
                Time line: {html}
                """,
                result,
                scenario.ToString());
        }
    }
}
