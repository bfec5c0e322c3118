namespace Weave.Harness;

/// <summary>The outcome of a stress run (<see cref="Stress"/>).</summary>
public sealed record StressReport
{
    /// <summary>True when some round's history was not linearizable.</summary>
    public bool ViolationFound { get; init; }

    /// <summary>Rounds run.</summary>
    public int Rounds { get; init; }

    /// <summary>Distinct scenarios run.</summary>
    public int ScenariosTried { get; init; }

    /// <summary>The 1-based round that first failed, or null.</summary>
    public int? RoundOfFirstViolation { get; init; }

    /// <summary>Rounds whose threads did not finish in time (their unfinished calls were checked as pending, or as blocked).</summary>
    public int AbandonedRounds { get; init; }

    /// <summary>Abandoned rounds that were quiescent — every unfinished thread parked for good in a Weave wait — so their
    /// calls were checked as blocked (<see cref="HistoryEntry{TOp, TResult}.IsBlocked"/>): legal only where the spec
    /// says the call waits.</summary>
    public int BlockedRounds { get; init; }

    /// <summary>Histories the checker could not decide within its budget (neither passed nor failed).</summary>
    public int UndecidedChecks { get; init; }

    /// <summary>The generator's seed: <c>WEAVE_STRESS_SEED=</c> it replays the same scenarios.</summary>
    public ulong Seed { get; init; }

    /// <summary>Interrupts and cancellations the injector delivered (<see cref="StressOptions.InterruptRate"/>, <see cref="StressOptions.CancellationRate"/>).</summary>
    public int FaultsInjected { get; init; }

    /// <summary>Wall-clock time of the run.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>The failing scenario (shrunk when shrinking found a smaller one that fails), as text; null when clean.</summary>
    public string? Scenario { get; init; }

    /// <summary>The scenario first found failing, before shrinking; null when clean.</summary>
    public string? OriginalScenario { get; init; }

    /// <summary>The failing check (cast to <see cref="LinearizabilityResult{TOp, TResult}"/> for the calls); null when clean.</summary>
    public LinearizabilityResult? Result { get; init; }

    /// <summary>The HTML time line of the failing history, or null.</summary>
    public string? HtmlFile { get; init; }

    /// <summary>A readable account: the verdict, the seed, and for a violation the scenario and the per-thread table.</summary>
    public string Message =>
        !ViolationFound
            ? $"No linearizability violation in {Rounds} rounds ({ScenariosTried} scenarios, seed {Seed}, {Elapsed.TotalSeconds:0.0} s; {AbandonedRounds} abandoned ({BlockedRounds} with calls blocked for good), {UndecidedChecks} undecided)."
            : $"""
              Linearizability violation in round {RoundOfFirstViolation} of {Rounds} (seed {Seed}; replay with WEAVE_STRESS_SEED={Seed}).
              Scenario: {Scenario}{(OriginalScenario != Scenario ? $"{Environment.NewLine}(shrunk from: {OriginalScenario})" : "")}
              {Result?.ToText().TrimEnd()}{(HtmlFile is null ? "" : $"{Environment.NewLine}Time line: {HtmlFile}")}
              """;

    /// <inheritdoc/>
    public override string ToString() => Message;
}
