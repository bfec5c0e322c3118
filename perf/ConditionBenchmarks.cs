using BenchmarkDotNet.Attributes;
using Weave.Primitives;

namespace Weave.Perf;

/// <summary>Condition ping-pong: two threads hand a turn flag back and forth under a lock (one round trip per operation).</summary>
[MemoryDiagnoser]
public class ConditionBenchmarks
{
    private const int RoundTrips = 2_000;

    [Benchmark(Baseline = true, OperationsPerInvoke = RoundTrips, Description = "Monitor.Wait/Pulse + turn")]
    public void MonitorPingPong()
    {
        var sync = new object();
        int turn = 0;
        var other = new Thread(() =>
        {
            for (int i = 0; i < RoundTrips; i++)
            {
                lock (sync)
                {
                    while (turn != 1)
                    {
                        Monitor.Wait(sync);
                    }

                    turn = 0;
                    Monitor.Pulse(sync);
                }
            }
        });
        other.Start();
        for (int i = 0; i < RoundTrips; i++)
        {
            lock (sync)
            {
                turn = 1;
                Monitor.Pulse(sync);
                while (turn != 0)
                {
                    Monitor.Wait(sync);
                }
            }
        }

        other.Join();
    }

    [Benchmark(OperationsPerInvoke = RoundTrips, Description = "Weave Condition + turn")]
    public void ConditionPingPong()
    {
        var cond = new Condition(new PrimitiveLock());
        int turn = 0;
        var other = new Thread(() =>
        {
            for (int i = 0; i < RoundTrips; i++)
            {
                using (cond.EnterScope())
                {
                    cond.WaitFor(() => turn == 1);
                    turn = 0;
                    cond.Notify();
                }
            }
        });
        other.Start();
        for (int i = 0; i < RoundTrips; i++)
        {
            using (cond.EnterScope())
            {
                turn = 1;
                cond.Notify();
                cond.WaitFor(() => turn == 0);
            }
        }

        other.Join();
    }
}
