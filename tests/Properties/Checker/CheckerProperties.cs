using FsCheck;
using FsCheck.Fluent;
using Weave.Harness;
using Check = Weave.Harness.Linearizability;

namespace Weave.PropertiesTests.Checker;

/// <summary>Properties of the checker: sequential runs pass (also with widened intervals); one impossible result fails.</summary>
public sealed class CheckerProperties
{
    private static readonly Gen<QueueOp<int>> s_queueOps = Gen.Frequency(
        (3, Gen.Choose(1, 5).Select(QueueOp<int>.Put)),
        (3, Gen.Constant(QueueOp<int>.TryGet())),
        (1, Gen.Constant(QueueOp<int>.TaskDone())),
        (1, Gen.Constant(QueueOp<int>.Size())));

    [Fact]
    public void SequentialRun_WithWidenedIntervals_IsLinearizable()
    {
        Property.Check(Prop.ForAll(Arb.From(Gen.Zip(Gen.ArrayOf(s_queueOps), Gen.Choose(0, int.MaxValue - 1))), input =>
        {
            var calls = SequentialHistory(new QueueSpec<int>(), input.Item1, new Random(input.Item2));
            var result = Check.Check(new QueueSpec<int>(), calls);
            Assert.True(result.IsLinearizable, result.ToText());
        }));
    }

    [Fact]
    public void SequentialRun_WithOneGetResultMadeImpossible_IsRejected()
    {
        Property.Check(Prop.ForAll(Arb.From(Gen.Zip(Gen.ArrayOf(s_queueOps), Gen.Choose(0, int.MaxValue - 1))), input =>
        {
            var calls = SequentialHistory(new QueueSpec<int>(), input.Item1, new Random(input.Item2));
            var gets = calls.Where(c => c.Op.Kind == QueueOpKind.Get).ToList();
            if (gets.Count == 0)
            {
                return true; // Nothing to flip in this run.
            }

            var victim = gets[input.Item2 % gets.Count];
            calls[calls.IndexOf(victim)] = victim with { Result = QueueResult<int>.Got(99) }; // 99 is never put.
            return Check.Check(new QueueSpec<int>(), calls).IsViolation;
        }));
    }

    [Fact]
    public void SequentialRegisterRun_WithOneReadFlipped_IsRejected()
    {
        var ops = Gen.Frequency((1, Gen.Choose(1, 9).Select(RegisterOp<int>.Write)), (1, Gen.Constant(RegisterOp<int>.Read())));
        Property.Check(Prop.ForAll(Arb.From(Gen.Zip(Gen.NonEmptyListOf(ops), Gen.Choose(0, int.MaxValue - 1))), input =>
        {
            var spec = new RegisterSpec<int>(0);
            var calls = SequentialHistory(spec, [.. input.Item1, RegisterOp<int>.Read()], new Random(input.Item2));
            Assert.True(Check.Check(spec, calls).IsLinearizable);
            var reads = calls.Where(c => !c.Op.IsWrite).ToList();
            var victim = reads[input.Item2 % reads.Count];
            calls[calls.IndexOf(victim)] = victim with { Result = -1 }; // never written
            return Check.Check(spec, calls).IsViolation;
        }));
    }

    /// <summary>
    /// Runs the ops on the model one after another (skipping those that would block), gives each call a
    /// random thread, then widens every interval at random: widening only adds freedom, so the history
    /// stays linearizable.
    /// </summary>
    private static List<HistoryEntry<TOp, TResult>> SequentialHistory<TState, TOp, TResult>(
        ISequentialSpec<TState, TOp, TResult> spec, IEnumerable<TOp> ops, Random random)
    {
        var calls = new List<HistoryEntry<TOp, TResult>>();
        var state = spec.Initial;
        foreach (var op in ops)
        {
            var result = spec.PendingResults(state, op)!.FirstOrDefault();
            if (result is null)
            {
                continue; // It would block here.
            }

            state = spec.Step(state, op, result).Next;
            long at = 10 * (calls.Count + 1);
            calls.Add(new HistoryEntry<TOp, TResult>(calls.Count, random.Next(4), op, result, at, at + 1));
        }

        return [.. calls.Select(c => c with
        {
            Invoked = Math.Max(1, c.Invoked - (random.Next(3) == 0 ? random.Next(25) : 0)),
            Returned = c.Returned + (random.Next(3) == 0 ? random.Next(25) : 0),
        })];
    }
}
