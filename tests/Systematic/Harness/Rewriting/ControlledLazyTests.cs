using Weave.Harness;
using Weave.Primitives;

namespace Weave.SystematicTests.Rewriting;

/// <summary>
/// <c>Lazy&lt;T&gt;.Value</c> in rewritten code: a second reader waits as a controlled operation while the first
/// creates the value, instead of blocking on the core library's lock while the scheduler holds the creator paused
/// (which Coyote 1.7.11 alone reports as a potential deadlock, on correct code).
/// </summary>
public sealed class ControlledLazyTests
{
    private static readonly SystematicOptions s_options = new() { Iterations = 300, Seed = 7 };

    [Theory]
    [InlineData(SystematicStrategy.Random)]
    [InlineData(SystematicStrategy.Prioritization)]
    public void TwoReaders_WhileTheFactoryIsPaused_GetOneValue_NoFalseAlarm(SystematicStrategy strategy)
    {
        SystematicReport report = Systematic.Check(
            () =>
            {
                var gate = new PrimitiveLock();
                int created = 0;
                var lazy = new Lazy<object>(() =>
                {
                    gate.Acquire(); // A controlled scheduling point inside the factory.
                    gate.Release();
                    Interlocked.Increment(ref created);
                    return new object();
                });
                object? first = null;
                object? second = null;
                var readers = new[] { new Thread(() => first = lazy.Value), new Thread(() => second = lazy.Value) };
                foreach (var reader in readers)
                {
                    reader.Start();
                }

                foreach (var reader in readers)
                {
                    reader.Join();
                }

                Assert.Same(first, second);
                Assert.Equal(1, created);
            },
            s_options with { Strategy = strategy });

        Assert.False(report.BugFound, report.ToString());
        Assert.Equal(0, report.InconclusiveIterations);
    }

    [Fact]
    public void AFactoryThatNeverFinishes_IsADeadlock_NotAHang()
    {
        // The second reader waits for a creator that waits forever: a real deadlock of the code, reported as one.
        SystematicReport report = Systematic.Explore(
            () =>
            {
                var never = new Event();
                var lazy = new Lazy<int>(() =>
                {
                    never.Wait();
                    return 1;
                });
                var creator = new Thread(() => _ = lazy.Value);
                creator.Start();
                _ = lazy.Value;
                creator.Join();
            },
            s_options with { Iterations = 20 });

        Assert.True(report.BugFound, report.ToString());
        Assert.Contains("eadlock", report.Bug, StringComparison.Ordinal);
        Assert.Equal(0, report.InconclusiveIterations);
    }
}
