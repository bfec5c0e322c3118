using FsCheck.Fluent;
using Weave.Harness;

namespace Weave.PropertiesTests.Specs;

/// <summary>A counter operation: increment (returns the new value) or read.</summary>
public enum CounterOp
{
    Increment,
    Read,
}

/// <summary>
/// A deliberately broken counter: increment reads, yields, then writes (a lost update), so the scenario
/// back ends have something to find. Its spec: increments return 1, 2, 3… and reads the current value.
/// </summary>
internal sealed class RacyCounter
{
    private int _value;

    public static ConcurrentSpec<RacyCounter, int, CounterOp, int> Spec() => new(
        () => new RacyCounter(),
        new CounterSpec(),
        Gen.Frequency((3, Gen.Constant(CounterOp.Increment)), (1, Gen.Constant(CounterOp.Read))),
        (counter, op) => op == CounterOp.Increment ? counter.Increment() : Volatile.Read(ref counter._value));

    private int Increment()
    {
        int seen = Volatile.Read(ref _value);
        Thread.Yield(); // A scheduling point under Coyote; on real threads the spin below widens the window.
        Thread.SpinWait(500);
        Volatile.Write(ref _value, seen + 1);
        return seen + 1;
    }

    internal sealed class CounterSpec : ISequentialSpec<int, CounterOp, int>
    {
        public int Initial => 0;

        public (bool Legal, int Next) Step(int state, CounterOp op, int result) =>
            op == CounterOp.Increment ? (result == state + 1, state + 1) : (result == state, state);

        public IEnumerable<int> PendingResults(int state, CounterOp op) => [op == CounterOp.Increment ? state + 1 : state];
    }
}
