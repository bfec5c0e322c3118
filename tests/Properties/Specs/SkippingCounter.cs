using FsCheck.Fluent;
using Weave.Harness;

namespace Weave.PropertiesTests.Specs;

/// <summary>
/// A counter with a sequential bug: every increment adds two, so the second increment (or a read after the
/// first) is wrong under every interleaving. Real-thread stress finds it whenever a scenario holds two such
/// operations, so tests of Stress's own pipeline (find, shrink, report, HTML) are deterministic for a fixed
/// seed — unlike <see cref="RacyCounter"/>, whose lost update real threads hit only by chance (its stress
/// figures belong in reports, never in an assertion).
/// </summary>
internal sealed class SkippingCounter
{
    private int _value;

    public static ConcurrentSpec<SkippingCounter, int, CounterOp, int> Spec() => new(
        () => new SkippingCounter(),
        new RacyCounter.CounterSpec(),
        Gen.Frequency((3, Gen.Constant(CounterOp.Increment)), (1, Gen.Constant(CounterOp.Read))),
        (counter, op) => op == CounterOp.Increment ? Interlocked.Add(ref counter._value, 2) - 1 : Volatile.Read(ref counter._value));
}
