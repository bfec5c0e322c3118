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
        PingPong(new Slim(ping), new Slim(pong));
    }

    [Benchmark(OperationsPerInvoke = RoundTrips, Description = "ManualResetEvent pair")]
    public void ManualResetEventPair()
    {
        using var ping = new ManualResetEvent(false);
        using var pong = new ManualResetEvent(false);
        PingPong(new Kernel(ping), new Kernel(pong));
    }

    [Benchmark(OperationsPerInvoke = RoundTrips, Description = "Weave Event pair")]
    public void WeaveEventPair() => PingPong(new WeaveEvent(new Event()), new WeaveEvent(new Event()));

    // The other thread waits for ping and answers with pong; struct adapters so the calls inline.
    private static void PingPong<TEvent>(TEvent ping, TEvent pong)
        where TEvent : struct, IEvent
    {
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

    private interface IEvent
    {
        void Set();

        void Wait();

        void Reset();
    }

    private readonly struct Slim(ManualResetEventSlim e) : IEvent
    {
        public void Set() => e.Set();

        public void Wait() => e.Wait();

        public void Reset() => e.Reset();
    }

    private readonly struct Kernel(ManualResetEvent e) : IEvent
    {
        public void Set() => e.Set();

        public void Wait() => e.WaitOne();

        public void Reset() => e.Reset();
    }

    private readonly struct WeaveEvent(Event e) : IEvent
    {
        public void Set() => e.Set();

        public void Wait() => e.Wait();

        public void Reset() => e.Clear();
    }
}
