namespace Weave.SystematicTests.SeededBugs;

/// <summary>Which mistake a <see cref="FlawedEvent"/> makes.</summary>
internal enum EventFlaw
{
    /// <summary>gh-57711: a woken waiter re-checks the flag, so Set followed at once by Clear strands it.</summary>
    RecheckAfterWake,

    /// <summary>The flag is checked outside the lock, so a Set between the check and the wait is lost.</summary>
    CheckOutsideLock,
}

/// <summary>An Event on one monitor, with one seeded mistake.</summary>
internal sealed class FlawedEvent(EventFlaw flaw) : IEvent
{
    private readonly object _sync = new();
    private bool _flag;
    private int _waiting;

    public int WaitingThreads => Volatile.Read(ref _waiting);

    public void Set()
    {
        lock (_sync)
        {
            _flag = true;
            Monitor.PulseAll(_sync);
        }
    }

    public void Clear()
    {
        lock (_sync)
        {
            _flag = false;
        }
    }

    public bool Wait()
    {
        if (flaw == EventFlaw.CheckOutsideLock)
        {
            if (Volatile.Read(ref _flag))
            {
                return true;
            }

            lock (_sync)
            {
                Volatile.Write(ref _waiting, _waiting + 1);
                Monitor.Wait(_sync); // BUG: no re-check under the lock; a Set just before is lost.
                Volatile.Write(ref _waiting, _waiting - 1);
                return true;
            }
        }

        lock (_sync)
        {
            Volatile.Write(ref _waiting, _waiting + 1);
            while (!_flag)
            {
                Monitor.Wait(_sync); // BUG (RecheckAfterWake): woken by Set, then Clear hides it.
            }

            Volatile.Write(ref _waiting, _waiting - 1);
            return true;
        }
    }
}
