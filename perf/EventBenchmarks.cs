using BenchmarkDotNet.Attributes;
using Weave.Primitives;

namespace Weave.Perf;

/// <summary>Event ping-pong: two threads hand a turn back and forth with a pair of events (one round trip per operation).</summary>
[MemoryDiagnoser]
public class EventBenchmarks
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

    [Benchmark(OperationsPerInvoke = RoundTrips, Description = "ManualResetEvent pair")]
    public void ManualResetEventPair()
    {
        using var ping = new ManualResetEvent(false);
        using var pong = new ManualResetEvent(false);
        var other = new Thread(() =>
        {
            for (int i = 0; i < RoundTrips; i++)
            {
                ping.WaitOne();
                ping.Reset();
                pong.Set();
            }
        });
        other.Start();
        for (int i = 0; i < RoundTrips; i++)
        {
            ping.Set();
            pong.WaitOne();
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
}
