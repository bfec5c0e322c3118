using Weave.Harness;
using Weave.Primitives;

namespace Weave.SystematicTests;

/// <summary>CyclicBarrier under Coyote: trips, indices, action, abort and reset racing with waiters.</summary>
public sealed class BarrierInterleavingTests
{
    public static TheoryData<SystematicStrategy> Strategies => [SystematicStrategy.Random, SystematicStrategy.Prioritization];

    [Theory]
    [MemberData(nameof(Strategies))]
    public void TwoGenerations_GiveDistinctIndicesAndRunTheActionOnce(SystematicStrategy strategy) =>
        Systematic.Check(() =>
        {
            int actions = 0;
            int arrivedThisGeneration = 0;
            var barrier = new CyclicBarrier(3, () =>
            {
                Assert.Equal(3, Volatile.Read(ref arrivedThisGeneration)); // Before anyone is released.
                Volatile.Write(ref arrivedThisGeneration, 0);
                actions++;
            });
            var indices = new int[2, 3];
            Run.Threads(3, t =>
            {
                for (int generation = 0; generation < 2; generation++)
                {
                    Interlocked.Increment(ref arrivedThisGeneration);
                    Interlocked.Increment(ref indices[generation, barrier.Wait()]);
                }
            });
            Assert.Equal(2, actions);
            for (int g = 0; g < 2; g++)
            {
                for (int i = 0; i < 3; i++)
                {
                    Assert.Equal(1, indices[g, i]);
                }
            }
        }, Run.Options(strategy));

    [Theory]
    [MemberData(nameof(Strategies))]
    public void AbortRacingWithWaiters_EveryWaiterEitherPassesOrIsBroken(SystematicStrategy strategy) =>
        Systematic.Check(() =>
        {
            var barrier = new CyclicBarrier(2);
            int passed = 0;
            int broken = 0;
            Run.Threads(
                () => Count(() => barrier.Wait(), ref passed, ref broken),
                () => Count(() => barrier.Wait(), ref passed, ref broken),
                () => barrier.Abort());
            Assert.True(passed is 0 or 2, $"{passed} passed: a trip releases both or none");
            Assert.Equal(2, passed + broken);
            Assert.True(barrier.IsBroken);
        }, Run.Options(strategy));

    [Theory]
    [MemberData(nameof(Strategies))]
    public void ResetRacingWithWaiters_LeavesAUsableBarrier(SystematicStrategy strategy) =>
        Systematic.Check(() =>
        {
            // A reset can split the two waiters across generations, leaving one alone (as in
            // Python); the waits are timed so that such a waiter gives up (and breaks the barrier).
            var barrier = new CyclicBarrier(2);
            int passed = 0;
            int broken = 0;
            Run.Threads(
                () => Count(() => barrier.Wait(TimeSpan.FromSeconds(1)), ref passed, ref broken),
                () => Count(() => barrier.Wait(TimeSpan.FromSeconds(1)), ref passed, ref broken),
                () => barrier.Reset());
            Assert.Equal(2, passed + broken);
            Assert.True(passed is 0 or 2, $"{passed} passed");
            barrier.Reset();
            Assert.False(barrier.IsBroken);
            Run.Threads(() => barrier.Wait(), () => barrier.Wait()); // Usable again.
        }, Run.Options(strategy));

    [Theory]
    [MemberData(nameof(Strategies))]
    public void TimedWait_BreaksTheBarrierOnlyIfItExpiredBeforeTheTrip(SystematicStrategy strategy) =>
        Systematic.Check(() =>
        {
            var barrier = new CyclicBarrier(2);
            int passed = 0;
            int broken = 0;
            Run.Threads(
                () => Count(() => barrier.Wait(TimeSpan.FromSeconds(1)), ref passed, ref broken),
                () => Count(() => barrier.Wait(TimeSpan.FromSeconds(1)), ref passed, ref broken));
            Assert.True(passed is 0 or 2, $"{passed} passed");
            Assert.Equal(broken > 0, barrier.IsBroken);
        }, Run.Options(strategy));

    private static void Count(Action wait, ref int passed, ref int broken)
    {
        try
        {
            wait();
            Interlocked.Increment(ref passed);
        }
        catch (BrokenBarrierException)
        {
            Interlocked.Increment(ref broken);
        }
    }
}
