using System.Diagnostics;

namespace Weave.Primitives;

/// <summary>
/// A point in monotonic time by which a wait must end: one deadline measured across every
/// wake-up of a wait loop, so a spurious or stolen wake-up never restarts the timeout.
/// </summary>
/// <remarks>
/// <para>The counterpart of CPython's <c>endtime = _time() + timeout</c> in <c>queue.py</c> and
/// <c>Condition.wait_for</c>. It reads <see cref="Stopwatch.GetTimestamp"/>, never the wall clock,
/// so clock adjustments cannot distort a timeout (CPython bpo-41710).</para>
/// <para>Pass a deadline to <see cref="TimedWait.Wait(object, Deadline, CancellationToken)"/> in a loop
/// that re-checks its predicate; <c>default(Deadline)</c> is an already-expired deadline.</para>
/// </remarks>
[DebuggerDisplay("{ToString(),nq}")]
public readonly struct Deadline : IEquatable<Deadline>
{
    // _timestamp is a Stopwatch timestamp, with two sentinels:
    //   long.MaxValue: never expires (Timeout.InfiniteTimeSpan).
    //   long.MinValue: expired when created (TimeSpan.Zero). Kept apart from "expired later" so that
    //                  a zero timeout stays a deterministic "do not block" under systematic testing,
    //                  where the clock is never consulted.
    private const long InfiniteTimestamp = long.MaxValue;
    private const long ImmediateTimestamp = long.MinValue;

    // Anything beyond this is treated as "wait forever" (about 290 years; avoids overflow).
    private static readonly TimeSpan s_maxFinite = TimeSpan.FromDays(365.25 * 290);

    private readonly long _timestamp;

    private Deadline(long timestamp) => _timestamp = timestamp;

    /// <summary>A deadline that never passes.</summary>
    public static Deadline Infinite => new(InfiniteTimestamp);

    /// <summary>A deadline that has already passed: a wait with it polls and does not block.</summary>
    public static Deadline Immediate => new(ImmediateTimestamp);

    /// <summary>
    /// Returns the deadline <paramref name="timeout"/> from now.
    /// <see cref="Timeout.InfiniteTimeSpan"/> gives <see cref="Infinite"/>; <see cref="TimeSpan.Zero"/>
    /// gives <see cref="Immediate"/>.
    /// </summary>
    /// <param name="timeout">How long to wait: non-negative, or <see cref="Timeout.InfiniteTimeSpan"/>.</param>
    /// <param name="paramName">The caller's parameter name, used in the exception.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not
    /// <see cref="Timeout.InfiniteTimeSpan"/>.</exception>
    public static Deadline After(TimeSpan timeout, string paramName = "timeout")
    {
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            return Infinite;
        }

        if (timeout < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(paramName, timeout,
                "The timeout must be Timeout.InfiniteTimeSpan or a non-negative value.");
        }

        if (timeout == TimeSpan.Zero)
        {
            return Immediate;
        }

        if (timeout >= s_maxFinite)
        {
            return Infinite;
        }

        long ticks = (long)(timeout.Ticks * ((double)Stopwatch.Frequency / TimeSpan.TicksPerSecond));
        return new Deadline(Stopwatch.GetTimestamp() + Math.Max(ticks, 1));
    }

    /// <summary>True when the deadline never passes.</summary>
    public bool IsInfinite => _timestamp == InfiniteTimestamp;

    /// <summary>True when the deadline was created from a zero timeout (a poll).</summary>
    public bool IsImmediate => _timestamp == ImmediateTimestamp;

    /// <summary>True when the deadline has passed.</summary>
    public bool HasExpired => !IsInfinite && (IsImmediate || Stopwatch.GetTimestamp() >= _timestamp);

    /// <summary>
    /// The time left: <see cref="Timeout.InfiniteTimeSpan"/> for an infinite deadline,
    /// otherwise a non-negative span (zero once the deadline has passed).
    /// </summary>
    public TimeSpan Remaining
    {
        get
        {
            if (IsInfinite)
            {
                return Timeout.InfiniteTimeSpan;
            }

            if (IsImmediate)
            {
                return TimeSpan.Zero;
            }

            long now = Stopwatch.GetTimestamp();
            return now >= _timestamp ? TimeSpan.Zero : Stopwatch.GetElapsedTime(now, _timestamp);
        }
    }

    /// <inheritdoc/>
    public bool Equals(Deadline other) => _timestamp == other._timestamp;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Deadline other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _timestamp.GetHashCode();

    /// <summary>Compares two deadlines for equality.</summary>
    public static bool operator ==(Deadline left, Deadline right) => left.Equals(right);

    /// <summary>Compares two deadlines for inequality.</summary>
    public static bool operator !=(Deadline left, Deadline right) => !left.Equals(right);

    /// <inheritdoc/>
    public override string ToString() =>
        IsInfinite ? "Deadline(infinite)" : IsImmediate ? "Deadline(immediate)" : $"Deadline(remaining {Remaining})";
}
