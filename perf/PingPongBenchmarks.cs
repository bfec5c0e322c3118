using BenchmarkDotNet.Attributes;
using Weave.Primitives;

namespace Weave.Perf;

/// <summary>Two threads hand a turn back and forth: one round trip per operation.</summary>
[MemoryDiagnoser]
public class PingPongBenchmarks
{
    private const int RoundTrips = 2_000;

    [Benchmark(Baseline = true, OperationsPerInvoke = RoundTrips, Description = "ManualResetEventSlim pair")]
    public void ManualResetEventSlimPair()
    {
        using var ping = new ManualResetEventSlim();
        using var pong = new ManualResetEventSlim();
        var other = new Thread(() =>
        {
            for (int i = 0; i < RoundTrips; i++)
            {
                ping.Wait();
                ping.Reset();
                pong.Set();
            }
        });
        other.Start();
        for (int i = 0; i < RoundTrips; i++)
        {
            ping.Set();
            pong.Wait();
            pong.Reset();
        }

        other.Join();
    }

    [Benchmark(OperationsPerInvoke = RoundTrips, Description = "Weave Event pair")]
    public void WeaveEventPair()
    {
        var ping = new Event();
        var pong = new Event();
        var other = new Thread(() =>
        {
            for (int i = 0; i < RoundTrips; i++)
            {
                ping.Wait();
                ping.Clear();
                pong.Set();
            }
        });
        other.Start();
        for (int i = 0; i < RoundTrips; i++)
        {
            ping.Set();
            pong.Wait();
            pong.Clear();
        }

        other.Join();
    }

    [Benchmark(OperationsPerInvoke = RoundTrips, Description = "Monitor.Wait/Pulse + turn")]
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
