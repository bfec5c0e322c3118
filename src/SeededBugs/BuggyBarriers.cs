using Weave.Primitives;

namespace Weave.SystematicTests.SeededBugs;

/// <summary>Which mistake a <see cref="FlawedBarrier"/> makes.</summary>
internal enum BarrierFlaw
{
    /// <summary>Waiters wait for the count to return to zero instead of for their generation to end.</summary>
    GenerationConfusion,

    /// <summary>The arrival index is read outside the lock, so two threads can get the same one.</summary>
    IndexReadOutsideLock,

    /// <summary>A timed-out waiter leaves without breaking the barrier, stranding the others.</summary>
    TimeoutDoesNotBreak,
}

/// <summary>A cyclic barrier on one monitor, with one seeded mistake.</summary>
internal sealed class FlawedBarrier(int parties, BarrierFlaw flaw) : IBarrier
{
    private readonly object _sync = new();
    private int _count;
    private int _generation;
    private bool _broken;

    public int Wait() => Wait(Timeout.InfiniteTimeSpan);

    public int Wait(TimeSpan timeout)
    {
        Deadline deadline = Deadline.After(timeout);
        int index = flaw == BarrierFlaw.IndexReadOutsideLock ? Volatile.Read(ref _count) : -1; // BUG (IndexReadOutsideLock).
        lock (_sync)
        {
            if (_broken)
            {
                throw new BrokenBarrierException();
            }

            if (index < 0)
            {
                index = _count;
            }

            Volatile.Write(ref _count, _count + 1);
            int generation = _generation;
            if (_count == parties)
            {
                Volatile.Write(ref _count, 0);
                _generation++;
                Monitor.PulseAll(_sync);
                return index;
            }

            while (flaw == BarrierFlaw.GenerationConfusion ? _count != 0 : generation == _generation && !_broken)
            {
                // BUG (GenerationConfusion): once a fast thread arrives for the next pass the count is
                // no longer zero, and the slow ones of the last pass go back to sleep.
                if (!TimedWait.Wait(_sync, deadline))
                {
                    Volatile.Write(ref _count, _count - 1);
                    if (flaw != BarrierFlaw.TimeoutDoesNotBreak)
                    {
                        _broken = true;
                        Monitor.PulseAll(_sync);
                    }

                    throw new BrokenBarrierException(); // BUG (TimeoutDoesNotBreak): the others are not told.
                }
            }

            if (_broken)
            {
                throw new BrokenBarrierException();
            }

            return index;
        }
    }
}
