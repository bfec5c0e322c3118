namespace Weave.Harness.Internal;

/// <summary>
/// Real-thread faults for one stress round: a seeded plan of which calls get a <see cref="Thread.Interrupt"/>
/// or a cancellation of their token, and how long after the call starts (a spin delay); a driver thread
/// delivers them while the calls run. Which calls and which delays replay from the seed; where exactly the
/// fault lands inside the call is up to the real threads (and is reported, never asserted).
/// </summary>
internal sealed class FaultInjector
{
    private const int NotStarted = -1;
    private const int Finished = int.MaxValue;
    private const int MaxDelaySpins = 2_000;

    private readonly double _interruptRate;
    private readonly double _cancellationRate;
    private readonly Random _random;
    private Planned[][] _plans = [];
    private Thread?[] _threads = [];
    private CancellationTokenSource?[] _tokens = [];
    private int[] _current = [];
    private int[] _faulted = []; // Per thread: the op a fault was last delivered to (-1: none).
    private Thread? _driver;
    private volatile bool _ending;
    private int _delivered;

    internal FaultInjector(double interruptRate, double cancellationRate, ulong seed)
    {
        _interruptRate = interruptRate;
        _cancellationRate = cancellationRate;
        _random = new Random(unchecked((int)seed ^ (int)(seed >> 32)));
    }

    /// <summary>Faults delivered so far (interrupts, cancellations): figures for reports.</summary>
    internal int Delivered => Volatile.Read(ref _delivered);

    /// <summary>Plans the round's faults and starts the driver.</summary>
    internal void Begin<TOp>(Scenario<TOp> scenario)
    {
        int count = scenario.Threads.Count;
        _threads = new Thread?[count];
        _tokens = new CancellationTokenSource?[count];
        _current = [.. Enumerable.Repeat(NotStarted, count)];
        _faulted = [.. Enumerable.Repeat(NotStarted, count)];
        _plans = new Planned[count][];
        for (int t = 0; t < count; t++)
        {
            var plan = new List<Planned>();
            for (int op = 0; op < scenario.Threads[t].Count; op++)
            {
                double roll = _random.NextDouble();
                if (roll < _interruptRate)
                {
                    plan.Add(new Planned(op, Interrupt: true, _random.Next(MaxDelaySpins)));
                }
                else if (roll < _interruptRate + _cancellationRate)
                {
                    plan.Add(new Planned(op, Interrupt: false, _random.Next(MaxDelaySpins)));
                }
            }

            _plans[t] = [.. plan];
        }

        _ending = false;
        _driver = new Thread(Drive) { IsBackground = true, Name = "weave-fault-injector" };
        _driver.Start();
    }

    /// <summary>Whether a fault was sent to the call <paramref name="thread"/> is in now (it may still be on its way).</summary>
    internal bool FaultReached(int thread)
    {
        int current = Volatile.Read(ref _current[thread]);
        return current >= 0 && Volatile.Read(ref _faulted[thread]) == current;
    }

    internal void Attach(int thread) => Volatile.Write(ref _threads[thread], Thread.CurrentThread);

    internal void Entering(int thread, int op, CancellationTokenSource token)
    {
        Volatile.Write(ref _tokens[thread], token);
        Volatile.Write(ref _current[thread], op);
    }

    internal void Leaving(int thread) => Volatile.Write(ref _current[thread], NotStarted);

    internal void Detach(int thread)
    {
        Volatile.Write(ref _current[thread], Finished);
        Volatile.Write(ref _tokens[thread], null);
    }

    /// <summary>Stops the driver (the round's threads have finished or been given up on).</summary>
    internal void End()
    {
        _ending = true;
        _driver?.Join();
    }

    private void Drive()
    {
        var next = new int[_plans.Length];
        var spinner = default(SpinWait);
        while (!_ending)
        {
            bool pending = false;
            for (int t = 0; t < _plans.Length; t++)
            {
                if (next[t] >= _plans[t].Length)
                {
                    continue;
                }

                pending = true;
                Planned planned = _plans[t][next[t]];
                int current = Volatile.Read(ref _current[t]);
                if (current == Finished)
                {
                    next[t] = _plans[t].Length;
                }
                else if (current > planned.Op)
                {
                    next[t]++; // The call ran and ended before the driver saw it: that fault is skipped.
                }
                else if (current == planned.Op)
                {
                    Thread.SpinWait(planned.DelaySpins);
                    Deliver(t, planned);
                    next[t]++;
                }
            }

            if (!pending)
            {
                return;
            }

            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }

    private void Deliver(int thread, Planned planned)
    {
        if (Volatile.Read(ref _current[thread]) != planned.Op)
        {
            return; // Ended meanwhile.
        }

        Volatile.Write(ref _faulted[thread], planned.Op);
        if (planned.Interrupt)
        {
            Volatile.Read(ref _threads[thread])?.Interrupt();
        }
        else
        {
            try
            {
                Volatile.Read(ref _tokens[thread])?.Cancel();
            }
            catch (ObjectDisposedException)
            {
                return; // The call ended and disposed its source meanwhile.
            }
        }

        Interlocked.Increment(ref _delivered);
    }

    private readonly record struct Planned(int Op, bool Interrupt, int DelaySpins);
}
