using Weave.Harness;
using Weave.Primitives;

namespace Weave.SystematicTests;

public sealed class SmokeTests
{
    [Fact]
    public void Counter_GuardedByPrimitiveLock_HasNoBug()
    {
        SystematicReport report = Systematic.Check(() =>
        {
            var lk = new PrimitiveLock();
            int counter = 0;
            var threads = Enumerable.Range(0, 2).Select(_ => new Thread(() =>
            {
                for (int i = 0; i < 2; i++)
                {
                    using (lk.EnterScope())
                    {
                        int seen = Volatile.Read(ref counter);
                        Thread.Yield();
                        Volatile.Write(ref counter, seen + 1);
                    }
                }
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
            Assert.Equal(4, counter);
        }, new SystematicOptions { Iterations = 200, Seed = 7 });
        Assert.False(report.BugFound);
        Assert.Equal(200, report.Iterations);
    }

    [Fact]
    public void Counter_WithoutALock_LosesAnUpdate_AndTheScheduleReplays()
    {
        Action test = () =>
        {
            int counter = 0;
            var threads = Enumerable.Range(0, 2).Select(_ => new Thread(() =>
            {
                int seen = Volatile.Read(ref counter);
                Thread.Yield();
                Volatile.Write(ref counter, seen + 1);
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
            Assert.Equal(2, counter);
        };
        SystematicReport report = Systematic.Explore(test, new SystematicOptions { Iterations = 200, Seed = 7 });
        Assert.True(report.BugFound);
        Console.WriteLine(report);
        SystematicReport replay = Systematic.Replay(report.ScheduleFile!, test);
        Assert.True(replay.BugFound);
        Console.WriteLine(replay);
    }
}
