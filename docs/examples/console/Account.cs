using Weave.Primitives;

namespace Weave.ConsoleExample;

/// <summary>A balance guarded by a lock — but a deposit reads it under one acquisition and writes it under
/// another (the "fixed" one does both under one), so two deposits can lose one.</summary>
public sealed class Account(bool fixedVersion)
{
    private readonly PrimitiveLock _lock = new();
    private int _balance;

    public int Balance
    {
        get
        {
            using (_lock.EnterScope())
            {
                return _balance;
            }
        }
    }

    public void Deposit(int amount)
    {
        if (fixedVersion)
        {
            using (_lock.EnterScope())
            {
                _balance += amount;
            }

            return;
        }

        int seen;
        using (_lock.EnterScope())
        {
            seen = _balance;
        }

        using (_lock.EnterScope())
        {
            _balance = seen + amount; // BUG: another deposit may have landed in between.
        }
    }
}
