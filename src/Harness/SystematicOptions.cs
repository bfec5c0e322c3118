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

    /// <summary>Where schedule files are written; null: <c>artifacts/schedules</c> under the repository root, or the temp folder.</summary>
    public string? TraceDirectory { get; init; }

    /// <summary>
    /// Let timed waits that go through <c>Weave.Primitives.TimedWait</c> time out at any scheduling
    /// point (a scheduler choice), so timeout paths are explored. Without it a timed wait behaves as
    /// an infinite one, as under plain Coyote. Default true.
    /// </summary>
    public bool ExploreTimeouts { get; init; } = true;

    /// <summary>Returns these options with <c>WEAVE_ITERATIONS</c>, <c>WEAVE_SEED</c> and <c>WEAVE_STRATEGY</c> applied.</summary>
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

        return options;
    }

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range; the message names it.</exception>
    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Iterations, 1, nameof(Iterations));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxSteps, 1, nameof(MaxSteps));
        if (TimeBudget is TimeSpan budget && budget <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(TimeBudget), budget, "The time budget must be positive.");
        }

        if (!Enum.IsDefined(Strategy))
        {
            throw new ArgumentOutOfRangeException(nameof(Strategy), Strategy, "Unknown strategy.");
        }
    }

    private static string? Read(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? value.Trim() : null;
}
