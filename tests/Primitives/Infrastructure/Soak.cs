using System.Collections.Concurrent;
using System.Globalization;
using Xunit.Sdk;

namespace Weave.Primitives.Tests;

/// <summary>
/// A fault soak on real threads: <c>count</c> workers run <c>body(index, soak)</c> until <see cref="Stopping"/>,
/// while a faulter thread, seeded, interrupts a random worker (<see cref="Thread.Interrupt"/>) or cancels the
/// token it is using (<see cref="Token"/>), over and over. Workers must expect either fault from any blocking
/// call. When the time is up the faulter stops, the workers finish, any interrupt left pending is cleared, and
/// the caller checks conservation. Whether a fault lands in a given window is up to the real threads: the
/// checks hold whatever happens, and the figures (<see cref="Interrupts"/>, <see cref="Cancellations"/>) are
/// only reported.
/// </summary>
/// <remarks>Duration per soak: <c>WEAVE_SOAK_SECONDS</c> (default 1.5 s; raise it for a nightly run).</remarks>
internal sealed class Soak
{
    private readonly Thread[] _threads;
    private readonly CancellationTokenSource?[] _sources;
    private readonly ConcurrentQueue<Exception> _errors = new();
    private readonly Random _random;
    private volatile bool _stopping;
    private int _interrupts;
    private int _cancellations;

    private Soak(int count, int seed)
    {
        _threads = new Thread[count];
        _sources = new CancellationTokenSource?[count];
        _random = new Random(seed);
        Seed = seed;
    }

    /// <summary>True once the time is up: workers finish what they are doing and return.</summary>
    public bool Stopping => _stopping;

    public int Seed { get; }

    public int Interrupts => Volatile.Read(ref _interrupts);

    public int Cancellations => Volatile.Read(ref _cancellations);

    public static TimeSpan Duration =>
        double.TryParse(Environment.GetEnvironmentVariable("WEAVE_SOAK_SECONDS"), NumberStyles.Float, CultureInfo.InvariantCulture, out double s) && s > 0
            ? TimeSpan.FromSeconds(s)
            : TimeSpan.FromSeconds(1.5);

    /// <summary>Runs the soak and returns it (for the figures); rethrows the first worker failure.</summary>
    public static Soak Run(int count, Action<int, Soak> body, ITestOutputHelper? output = null)
    {
        int seed = Environment.GetEnvironmentVariable("WEAVE_SOAK_SEED") is { Length: > 0 } s ? int.Parse(s, CultureInfo.InvariantCulture) : Random.Shared.Next();
        var soak = new Soak(count, seed);
        soak.RunCore(body);
        output?.WriteLine($"Soak: {soak.Interrupts} interrupts, {soak.Cancellations} cancellations delivered in {Duration.TotalSeconds:0.#} s (WEAVE_SOAK_SEED={seed}).");
        return soak;
    }

    /// <summary>A fresh token for worker <paramref name="worker"/>'s next call; the faulter may cancel it.</summary>
    public CancellationToken Token(int worker)
    {
        var source = new CancellationTokenSource();
        Interlocked.Exchange(ref _sources[worker], source)?.Dispose();
        return source.Token;
    }

    private void RunCore(Action<int, Soak> body)
    {
        for (int i = 0; i < _threads.Length; i++)
        {
            int index = i;
            _threads[i] = new Thread(() =>
            {
                try
                {
                    body(index, this);
                }
                catch (Exception e)
                {
                    _errors.Enqueue(e);
                }
                finally
                {
                    Weave.Primitives.Interrupts.Clear(); // A fault that arrived after the last call.
                }
            })
            {
                IsBackground = true,
                Name = $"soak-{index}",
            };
        }

        foreach (Thread thread in _threads)
        {
            thread.Start();
        }

        var faulter = new Thread(Fault) { IsBackground = true, Name = "soak-faulter" };
        faulter.Start();
        faulter.Join();
        foreach (Thread thread in _threads)
        {
            if (!thread.Join(Eventually.SafetyTimeout))
            {
                throw new XunitException($"Worker {thread.Name} is stuck: not finished {Eventually.SafetyTimeout.TotalSeconds:0} s after the soak ended (seed {Seed}).");
            }
        }

        if (!_errors.IsEmpty)
        {
            throw new AggregateException($"A soak worker failed (WEAVE_SOAK_SEED={Seed}).", _errors);
        }
    }

    private void Fault()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < Duration)
        {
            int worker = _random.Next(_threads.Length);
            if (_random.Next(2) == 0)
            {
                _threads[worker].Interrupt();
                Interlocked.Increment(ref _interrupts);
            }
            else if (Volatile.Read(ref _sources[worker]) is { } source)
            {
                try
                {
                    source.Cancel();
                    Interlocked.Increment(ref _cancellations);
                }
                catch (ObjectDisposedException)
                {
                    // The worker moved on to its next call meanwhile.
                }
            }

            Thread.SpinWait(_random.Next(200, 20_000)); // Pacing, not synchronisation: faults land wherever they land.
            Thread.Yield();
        }

        _stopping = true;
    }
}
