using System.Diagnostics.CodeAnalysis;
using Weave.Primitives;

namespace Weave.SystematicTests.SeededBugs;

/// <summary>Which mistake a <see cref="FlawedQueue"/> makes.</summary>
internal enum QueueFlaw
{
    /// <summary>Get waits under <c>if</c> instead of <c>while</c> (woken with nothing to take).</summary>
    IfInsteadOfWhile,

    /// <summary>One monitor for "not empty" and "not full" with Pulse instead of PulseAll (wakes the wrong kind).</summary>
    PulseInsteadOfPulseAll,

    /// <summary>bpo-10110: full() compares with == maxsize, so a lowered maxsize never reads as full.</summary>
    FullComparesEquality,

    /// <summary>bpo-14406: the unfinished count is decremented without the lock (a lost decrement hangs join).</summary>
    UnfinishedCountWithoutLock,

    /// <summary>bpo-20319: join checks the count outside the lock, so the last task_done's notify is lost.</summary>
    JoinChecksOutsideLock,

    /// <summary>Shutdown sets the flag without waking blocked getters.</summary>
    ShutdownDoesNotWake,

    /// <summary>A get that times out just as an item arrives removes it and still reports Empty (the item is lost).</summary>
    ItemLostOnTimeout,

    /// <summary>task_done() below zero is not refused, so a surplus call counts for another consumer's item.</summary>
    TaskDoneUnderflow,
}

/// <summary>A blocking queue on one monitor (PulseAll everywhere, as the simplest correct design), with one seeded mistake.</summary>
internal sealed class FlawedQueue(int maxSize, QueueFlaw flaw) : IQueue
{
    private readonly object _sync = new();
    private readonly Queue<int> _items = new();
    private int _unfinished;
    private bool _shutdown;

    public int MaxSize { get; set; } = maxSize;

    public int Count
    {
        get
        {
            lock (_sync)
            {
                return _items.Count;
            }
        }
    }

    private bool IsFull => MaxSize > 0 && (flaw == QueueFlaw.FullComparesEquality ? _items.Count == MaxSize : _items.Count >= MaxSize);

    public void Put(int item)
    {
        lock (_sync)
        {
            while (IsFull)
            {
                Monitor.Wait(_sync);
            }

            Add(item);
        }
    }

    public bool TryPut(int item)
    {
        lock (_sync)
        {
            if (IsFull)
            {
                return false;
            }

            Add(item);
            return true;
        }
    }

    public int Get()
    {
        lock (_sync)
        {
            if (flaw == QueueFlaw.IfInsteadOfWhile)
            {
                if (_items.Count == 0)
                {
                    Monitor.Wait(_sync); // BUG: another getter may empty the queue before this one runs.
                }
            }
            else
            {
                while (_items.Count == 0)
                {
                    if (_shutdown)
                    {
                        throw new QueueShutDownException();
                    }

                    Monitor.Wait(_sync);
                }
            }

            int item = _items.Dequeue();
            Wake();
            return item;
        }
    }

    public bool TryGet([MaybeNullWhen(false)] out int item, TimeSpan timeout)
    {
        Deadline deadline = Deadline.After(timeout);
        lock (_sync)
        {
            bool timedOut = false;
            while (_items.Count == 0)
            {
                if (!TimedWait.Wait(_sync, deadline))
                {
                    timedOut = true;
                    break;
                }
            }

            if (_items.Count > 0 && (!timedOut || flaw == QueueFlaw.ItemLostOnTimeout))
            {
                item = _items.Dequeue();
                Wake();
                if (timedOut)
                {
                    item = default; // BUG: the item was removed but the caller hears "empty".
                    return false;
                }

                return true;
            }

            item = default;
            return false;
        }
    }

    public void TaskDone()
    {
        if (flaw == QueueFlaw.UnfinishedCountWithoutLock)
        {
            int seen = Volatile.Read(ref _unfinished);
            Volatile.Write(ref _unfinished, seen - 1); // BUG: a read-modify-write without the lock.
            if (seen - 1 == 0)
            {
                lock (_sync)
                {
                    Monitor.PulseAll(_sync);
                }
            }

            return;
        }

        lock (_sync)
        {
            if (_unfinished <= 0 && flaw != QueueFlaw.TaskDoneUnderflow)
            {
                throw new InvalidOperationException("task_done() called too many times");
            }

            // BUG (TaskDoneUnderflow): the surplus call is accepted and takes the count down for an
            // item that another consumer is still processing.
            Volatile.Write(ref _unfinished, _unfinished - 1);
            if (_unfinished == 0)
            {
                Monitor.PulseAll(_sync);
            }
        }
    }

    public void Join()
    {
        if (flaw == QueueFlaw.JoinChecksOutsideLock)
        {
            if (Volatile.Read(ref _unfinished) == 0)
            {
                return;
            }

            lock (_sync)
            {
                Monitor.Wait(_sync); // BUG: the last TaskDone may have notified before this wait.
            }

            return;
        }

        lock (_sync)
        {
            while (Volatile.Read(ref _unfinished) > 0)
            {
                Monitor.Wait(_sync);
            }
        }
    }

    public void Shutdown()
    {
        lock (_sync)
        {
            _shutdown = true;
            if (flaw != QueueFlaw.ShutdownDoesNotWake)
            {
                Monitor.PulseAll(_sync);
            }
        }
    }

    private void Add(int item)
    {
        if (_shutdown)
        {
            throw new QueueShutDownException();
        }

        _items.Enqueue(item);
        Volatile.Write(ref _unfinished, _unfinished + 1);
        Wake();
    }

    private void Wake()
    {
        if (flaw == QueueFlaw.PulseInsteadOfPulseAll)
        {
            Monitor.Pulse(_sync); // BUG: may wake a putter when a getter needed it, or vice versa.
        }
        else
        {
            Monitor.PulseAll(_sync);
        }
    }
}
