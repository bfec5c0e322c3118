using System.Globalization;

namespace Weave.Harness;

/// <summary>Settings of a real-thread stress run (<see cref="Stress"/>).</summary>
/// <remarks>
/// <c>WEAVE_STRESS_ROUNDS</c> and <c>WEAVE_STRESS_SEED</c> override <see cref="Rounds"/> and <see cref="Seed"/>
/// without code changes (a nightly job raises the rounds; a failure's printed seed replays its scenarios).
/// </remarks>
public sealed record StressOptions
{
    /// <summary>Rounds in all (default 200): each round runs one scenario on a fresh object and checks its history.</summary>
    public int Rounds { get; init; } = 200;

    /// <summary>Rounds each generated scenario gets before the next one is generated (default 10).</summary>
    public int RoundsPerScenario { get; init; } = 10;

    /// <summary>Threads per scenario (default 3).</summary>
    public int Threads { get; init; } = 3;

    /// <summary>The most operations per thread (default 4).</summary>
    public int OpsPerThread { get; init; } = 4;

    /// <summary>The most operations in a generated scenario's init part, run before the threads start (default 0: none).</summary>
    public int InitOps { get; init; }

    /// <summary>The most operations in a generated scenario's post part, run after the threads join (default 0: none).</summary>
    public int PostOps { get; init; }

    /// <summary>The seed of the scenario generator; null picks one (it is reported, so a failure can be replayed).</summary>
    public ulong? Seed { get; init; }

    /// <summary>How long a round may run before it is abandoned (its unfinished calls count as pending). Default 10 s.</summary>
    public TimeSpan RoundTimeout { get; init; } = Scenarios.DefaultRoundTimeout;

    /// <summary>The linearizability checker's budget per history (default 10 s; a check past it counts as no verdict, not as a pass).</summary>
    public TimeSpan CheckBudget { get; init; } = Linearizability.DefaultBudget;

    /// <summary>Stop starting rounds after this long (null: no limit).</summary>
    public TimeSpan? TimeBudget { get; init; }

    /// <summary>After a violation, look for a smaller scenario that still fails (default true).</summary>
    public bool Shrink { get; init; } = true;

    /// <summary>Where to write the failing history's HTML time line (null: <c>artifacts/linearizability</c> under the
    /// spec's project folder, or under <c>WEAVE_ARTIFACTS</c>, or the temp folder).</summary>
    public string? HtmlDirectory { get; init; }

    /// <summary>
    /// The share of calls (0 to 1, default 0) that get a <see cref="Thread.Interrupt"/> at a random moment after
    /// they start: a seeded injector chooses which calls and how long after, and delivers it on the real
    /// thread. An interrupted call is recorded as having had no effect, and the checker verifies that it had
    /// none. An interrupt that lands after the call ended stays pending for the thread's next call.
    /// </summary>
    public double InterruptRate { get; init; }

    /// <summary>
    /// The share of calls (0 to 1, default 0) whose own cancellation token is cancelled at a random moment
    /// after they start (operations see the token through <see cref="ConcurrentSpec{TSystem, TState, TOp, TResult}.Apply(TSystem, TOp, CancellationToken)"/>).
    /// A cancelled call is recorded as having had no effect, and the checker verifies that it had none.
    /// </summary>
    public double CancellationRate { get; init; }

    /// <summary>These options with the environment's overrides applied.</summary>
    /// <returns>A copy.</returns>
    /// <exception cref="ArgumentException">An environment variable holds something that is not a number.</exception>
    public StressOptions WithEnvironmentOverrides()
    {
        var options = this;
        if (Environment.GetEnvironmentVariable("WEAVE_STRESS_ROUNDS") is { Length: > 0 } rounds)
        {
            options = options with { Rounds = int.TryParse(rounds, NumberStyles.None, CultureInfo.InvariantCulture, out int r) && r > 0
                ? r : throw new ArgumentException($"WEAVE_STRESS_ROUNDS must be a positive integer, not '{rounds}'.") };
        }

        if (Environment.GetEnvironmentVariable("WEAVE_STRESS_SEED") is { Length: > 0 } seed)
        {
            options = options with { Seed = ulong.TryParse(seed, NumberStyles.None, CultureInfo.InvariantCulture, out ulong s)
                ? s : throw new ArgumentException($"WEAVE_STRESS_SEED must be a non-negative integer, not '{seed}'.") };
        }

        return options;
    }

    /// <summary>Checks the settings.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is below 1, a time is not positive, or a fault rate is outside 0..1.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Rounds, 1, nameof(Rounds));
        ArgumentOutOfRangeException.ThrowIfLessThan(RoundsPerScenario, 1, nameof(RoundsPerScenario));
        ArgumentOutOfRangeException.ThrowIfLessThan(Threads, 1, nameof(Threads));
        ArgumentOutOfRangeException.ThrowIfLessThan(OpsPerThread, 1, nameof(OpsPerThread));
        ArgumentOutOfRangeException.ThrowIfNegative(InitOps, nameof(InitOps));
        ArgumentOutOfRangeException.ThrowIfNegative(PostOps, nameof(PostOps));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RoundTimeout, TimeSpan.Zero, nameof(RoundTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(CheckBudget, TimeSpan.Zero, nameof(CheckBudget));
        if (!(InterruptRate is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(InterruptRate), InterruptRate, "A rate is a share of calls, from 0 to 1.");
        }

        if (!(CancellationRate is >= 0 and <= 1) || InterruptRate + CancellationRate > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(CancellationRate), CancellationRate,
                "A rate is a share of calls, from 0 to 1, and InterruptRate + CancellationRate cannot exceed 1.");
        }
    }
}
