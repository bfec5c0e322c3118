namespace Weave.Primitives;

/// <summary>
/// A thread that calls a function after an interval unless cancelled first: Python's
/// <c>threading.Timer</c> (a <see cref="WorkerThread"/>).
/// </summary>
/// <remarks>
/// <see cref="Cancel"/> before the function fires prevents the call; after it, it does nothing;
/// a timer cancelled before <see cref="WorkerThread.Start"/> exits without calling. The interval is
/// a timed wait through <see cref="TimedWait"/>, so systematic tests can explore both outcomes.
/// </remarks>
public class TimerThread : WorkerThread
{
    private readonly Action _function;

    // Set by Cancel, or by Run once the function has been called. Waited on by Run for the interval.
    private readonly Event _finished = new();

    /// <summary>Creates a timer that calls <paramref name="function"/> <paramref name="interval"/>
    /// after <see cref="WorkerThread.Start"/>. Python: <c>Timer(interval, function)</c>.</summary>
    /// <param name="interval">How long to wait before calling: non-negative, or <see cref="Timeout.InfiniteTimeSpan"/>.</param>
    /// <param name="function">What to call.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="interval"/> is negative and not infinite.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="function"/> is null.</exception>
    public TimerThread(TimeSpan interval, Action function)
    {
        _ = Deadline.After(interval, nameof(interval)); // Validate now.
        ArgumentNullException.ThrowIfNull(function);
        Interval = interval;
        _function = function;
    }

    /// <summary>How long the timer waits after starting. Python: <c>interval</c>.</summary>
    public TimeSpan Interval { get; }

    /// <summary>True once cancelled or fired. Python: <c>finished.is_set()</c>.</summary>
    public bool IsFinished => _finished.IsSet;

    /// <summary>Stops the timer if it has not fired yet. Python: <c>cancel()</c>.</summary>
    public void Cancel() => _finished.Set();

    /// <summary>Waits for the interval, then calls the function unless cancelled.</summary>
    protected override void Run()
    {
        if (!_finished.Wait(Interval))
        {
            _function();
        }

        _finished.Set();
    }
}
