using System.Globalization;

namespace Weave.Harness;

/// <summary>
/// Options of a systematic test run. Environment variables override them without code changes:
/// <c>WEAVE_ITERATIONS</c>, <c>WEAVE_SEED</c>, <c>WEAVE_STRATEGY</c> (and <c>WEAVE_REPLAY</c>, which
/// replays a saved schedule instead of exploring).
/// </summary>
public sealed record SystematicOptions
{
    /// <summary>How many interleavings (test iterations) to explore at most. Default 1000.</summary>
    public int Iterations { get; init; } = 1000;

    /// <summary>How the scheduler chooses. Default <see cref="SystematicStrategy.Random"/>.</summary>
    public SystematicStrategy Strategy { get; init; } = SystematicStrategy.Random;

    /// <summary>
    /// Scheduling steps allowed per iteration; reaching the bound is reported as a bug (a livelock
    /// or a run that never ends). Default 10,000.
    /// </summary>
    public int MaxSteps { get; init; } = 10_000;

    /// <summary>The scheduler's random seed; null picks a fresh one (recorded in the report and the schedule).</summary>
    public uint? Seed { get; init; }

    /// <summary>Stop exploring (without a verdict on the rest) once this much time has passed; null: no limit.</summary>
    public TimeSpan? TimeBudget { get; init; }

    /// <summary>Where schedule files are written; null: <c>artifacts/schedules</c> under the test project's folder
    /// (<c>WEAVE_ARTIFACTS</c> moves every file the harness writes), or the temp folder.</summary>
    public string? TraceDirectory { get; init; }

    /// <summary>
    /// Let timed waits that go through <c>Weave.Primitives.TimedWait</c> time out at any scheduling
    /// point (a scheduler choice), so timeout paths are explored. Without it a timed wait behaves as
    /// an infinite one, as under plain Coyote. Default true.
    /// </summary>
    public bool ExploreTimeouts { get; init; } = true;

    /// <summary>
    /// Let the scheduler interrupt (<see cref="Thread.Interrupt"/>) the threads the test starts at the blocking
    /// points of Weave's primitives: while they wait (a <c>ThreadInterruptedException</c> from the wait), and
    /// while they contend for a primitive's internal lock (the interrupt is then kept for the thread's next
    /// wait, as on real threads). The test's own thread is never interrupted. Threads must expect
    /// <c>ThreadInterruptedException</c> from any blocking call and treat the call as not having happened —
    /// the contract of Weave's primitives, which the test then checks. Default false
    /// (<c>WEAVE_EXPLORE_INTERRUPTS=1</c> turns it on).
    /// </summary>
    public bool ExploreInterrupts { get; init; }

    /// <summary>
    /// Let the scheduler cancel the token passed to a blocking call of a Weave primitive, at any scheduling
    /// point while the call waits: the token's source is cancelled, so every use of it sees the cancellation.
    /// Calls without a cancellable token are never affected. Default false
    /// (<c>WEAVE_EXPLORE_CANCELLATION=1</c> turns it on).
    /// </summary>
    public bool ExploreCancellation { get; init; }

    /// <summary>
    /// Explore plain-field races: a scheduling point before every field read and write (<c>ldfld</c>/<c>stfld</c>) in
    /// the rewritten assemblies, so the scheduler can switch threads between a check and a use of a field that no lock
    /// guards — races that otherwise have no scheduling point between them and are never interleaved (Coyote's
    /// memory-access race checking). Costly: every field access becomes a scheduler decision, so iterations are
    /// slower and longer (see docs/systematic-testing.md for measured figures); raise <see cref="MaxSteps"/> if a
    /// long test reaches the bound. The schedule records it, so a find replays as it was found. Default false
    /// (<c>WEAVE_EXPLORE_FIELD_RACES=1</c> turns it on).
    /// </summary>
    public bool ExploreFieldRaces { get; init; }

    /// <summary>
    /// Report a potential hang as a bug. Coyote's periodic monitor ends an iteration in which no scheduling step
    /// happened for a second: a controlled thread is running (or spinning in) code Coyote does not control — the core
    /// library waiting for a callback on a thread the scheduler holds paused, an assembly that was not rewritten —
    /// which it cannot tell from a real hang. By default such an iteration is inconclusive: not a verdict, counted
    /// in <see cref="SystematicReport.InconclusiveIterations"/> and shown with what to do; after three of them
    /// the run stops. True reports the first one as a bug instead (Coyote's own behaviour). Default false.
    /// </summary>
    public bool FailOnPotentialHang { get; init; }

    /// <summary>
    /// After a clean run without <see cref="ExploreFieldRaces"/>, run one more iteration with it on and, when more than
    /// one thread reads or writes plain fields, say so in <see cref="SystematicReport.Hint"/> (the verdict is unchanged).
    /// Default true; false (or <c>WEAVE_SUGGEST_FIELD_RACES=0</c>) skips the extra iteration.
    /// </summary>
    /// <remarks>Python counterpart: none.</remarks>
    public bool SuggestFieldRaces { get; init; } = true;

    /// <summary>
    /// How many Coyote engines explore at once, each on its own thread with a contiguous slice of the
    /// <see cref="Iterations"/> (in this process; see docs/systematic-testing.md for why not processes). Default: the
    /// core count (<see cref="Environment.ProcessorCount"/>); <c>WEAVE_PARALLELISM</c> overrides it. Never more engines
    /// than iterations.
    /// </summary>
    /// <remarks>
    /// The result does not depend on timing: the first bug in iteration order is reported (an engine's bug stops the
    /// engines after it; those before it finish their slices), so a seed gives the same verdict, bug, iteration and
    /// schedule on every run. With <see cref="SystematicStrategy.Random"/> and
    /// <see cref="SystematicStrategy.Probabilistic"/> that result is also the same for every Parallelism (Coyote seeds
    /// iteration <c>i</c> with <c>seed + i</c>, and each engine starts at its slice's <c>i</c>); strategies that learn
    /// across iterations (Prioritization, QLearning, Portfolio) learn per engine, so their later slices differ a little
    /// with Parallelism. A schedule always replays alone, on one engine. Python counterpart: none.
    /// </remarks>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// At most this many interrupts and cancellations armed per iteration (each is a scheduler choice, so
    /// the schedule records which waits got one). Small budgets find these bugs fastest: one fault at the
    /// wrong moment is what breaks a primitive. Default 2.
    /// </summary>
    public int FaultsPerIteration { get; init; } = 2;

    /// <summary>Returns these options with <c>WEAVE_ITERATIONS</c>, <c>WEAVE_SEED</c>, <c>WEAVE_STRATEGY</c>, <c>WEAVE_PARALLELISM</c>,
    /// <c>WEAVE_EXPLORE_TIMEOUTS</c>, <c>WEAVE_EXPLORE_INTERRUPTS</c>, <c>WEAVE_EXPLORE_CANCELLATION</c> and
    /// <c>WEAVE_EXPLORE_FIELD_RACES</c> applied
    /// (each switch takes 1/0 or true/false).</summary>
    /// <exception cref="ArgumentException">A variable is set to a value that cannot be used; the message names it.</exception>
    public SystematicOptions WithEnvironmentOverrides()
    {
        SystematicOptions options = this;
        if (Read("WEAVE_ITERATIONS") is string iterations)
        {
            options = options with
            {
                Iterations = int.TryParse(iterations, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0
                    ? n
                    : throw new ArgumentException($"WEAVE_ITERATIONS must be a positive integer; it is '{iterations}'."),
            };
        }

        if (Read("WEAVE_SEED") is string seed)
        {
            options = options with
            {
                Seed = uint.TryParse(seed, NumberStyles.None, CultureInfo.InvariantCulture, out uint s)
                    ? s
                    : throw new ArgumentException($"WEAVE_SEED must be an unsigned 32-bit integer; it is '{seed}'."),
            };
        }

        if (Read("WEAVE_STRATEGY") is string strategy)
        {
            options = options with
            {
                Strategy = Enum.TryParse(strategy, ignoreCase: true, out SystematicStrategy parsed) && Enum.IsDefined(parsed)
                    ? parsed
                    : throw new ArgumentException(
                        $"WEAVE_STRATEGY must be one of {string.Join(", ", Enum.GetNames<SystematicStrategy>())}; it is '{strategy}'."),
            };
        }

        if (Read("WEAVE_PARALLELISM") is string parallelism)
        {
            options = options with
            {
                Parallelism = int.TryParse(parallelism, NumberStyles.None, CultureInfo.InvariantCulture, out int p) && p > 0
                    ? p
                    : throw new ArgumentException($"WEAVE_PARALLELISM must be a positive integer (engines at once); it is '{parallelism}'."),
            };
        }

        if (ReadSwitch("WEAVE_SUGGEST_FIELD_RACES") is bool suggest)
        {
            options = options with { SuggestFieldRaces = suggest };
        }

        if (ReadSwitch("WEAVE_EXPLORE_TIMEOUTS") is bool timeouts)
        {
            options = options with { ExploreTimeouts = timeouts };
        }

        if (ReadSwitch("WEAVE_EXPLORE_INTERRUPTS") is bool interrupts)
        {
            options = options with { ExploreInterrupts = interrupts };
        }

        if (ReadSwitch("WEAVE_EXPLORE_CANCELLATION") is bool cancellation)
        {
            options = options with { ExploreCancellation = cancellation };
        }

        if (ReadSwitch("WEAVE_EXPLORE_FIELD_RACES") is bool fieldRaces)
        {
            options = options with { ExploreFieldRaces = fieldRaces };
        }

        return options;
    }

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range; the message names it.</exception>
    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Iterations, 1, nameof(Iterations));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxSteps, 1, nameof(MaxSteps));
        ArgumentOutOfRangeException.ThrowIfLessThan(Parallelism, 1, nameof(Parallelism));
        if (TimeBudget is TimeSpan budget && budget <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(TimeBudget), budget, "The time budget must be positive.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(FaultsPerIteration, 1, nameof(FaultsPerIteration));
        if (ExploreCancellation && !CoyoteHook.CanCancelTokens)
        {
            throw new PlatformNotSupportedException(
                "ExploreCancellation cannot reach a CancellationToken's source on this runtime (its private field '_source' is gone); turn it off.");
        }

        if (!Enum.IsDefined(Strategy))
        {
            throw new ArgumentOutOfRangeException(nameof(Strategy), Strategy, "Unknown strategy.");
        }
    }

    private static bool? ReadSwitch(string variable) => Read(variable) switch
    {
        null => null,
        "1" => true,
        "0" => false,
        string value when bool.TryParse(value, out bool parsed) => parsed,
        string value => throw new ArgumentException($"{variable} must be 1, 0, true or false; it is '{value}'."),
    };

    private static string? Read(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? value.Trim() : null;
}
