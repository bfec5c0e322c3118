using System.Diagnostics;

namespace Weave.Harness;

/// <summary>
/// Records a concurrent history: each thread calls <see cref="Invoke(TOp)"/> just before an operation
/// and <see cref="HistoryCall{TOp, TResult}.Return"/> just after it, and
/// <see cref="Linearizability.Check{TState, TOp, TResult}(ISequentialSpec{TState, TOp, TResult}, History{TOp, TResult}, TimeSpan?)"/>
/// decides whether the calls could have happened one at a time, each at some instant between its
/// invocation and its response.
/// </summary>
/// <remarks>
/// Recording costs one <see cref="Interlocked.Increment(ref long)"/> on a shared logical clock per
/// event and one small allocation per call; it takes no lock (except, once per 4,096 events, to add a
/// storage segment), so it serialises the observed threads no more than that counter does. Calls still
/// pending when the history is read (<see cref="Entries"/>) are reported as pending: they may or may not
/// have taken effect. A history can be read while threads are still recording; calls that return
/// after the read stay pending in what was read.
/// </remarks>
/// <typeparam name="TOp">The operation type (a value or record with useful <see cref="object.ToString"/>).</typeparam>
/// <typeparam name="TResult">The result type.</typeparam>
[DebuggerDisplay("History: {EventCount} events")]
public sealed class History<TOp, TResult>
{
    private const int SegmentShift = 12;
    private const int SegmentSize = 1 << SegmentShift;

    private readonly object _growLock = new();
    private Record?[]?[] _segments = new Record?[]?[4];
    private long _clock;

    /// <summary>How many events (invocations and responses) have been recorded.</summary>
    public long EventCount => Volatile.Read(ref _clock);

    /// <summary>Records the invocation of <paramref name="op"/> by the current thread (its managed thread id).</summary>
    /// <param name="op">The operation about to run.</param>
    /// <returns>The call; <see cref="HistoryCall{TOp, TResult}.Return"/> records its result.</returns>
    /// <remarks>Python has no counterpart; this is Porcupine's / Knossos's history recording.</remarks>
    public HistoryCall<TOp, TResult> Invoke(TOp op) => Invoke(Environment.CurrentManagedThreadId, op);

    /// <summary>Records the invocation of <paramref name="op"/> by the logical thread <paramref name="thread"/>.</summary>
    /// <param name="thread">A non-negative thread number (scenario threads are numbered 0, 1, …); calls with
    /// the same number must not overlap.</param>
    /// <param name="op">The operation about to run.</param>
    /// <returns>The call; <see cref="HistoryCall{TOp, TResult}.Return"/> records its result.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="thread"/> is negative.</exception>
    public HistoryCall<TOp, TResult> Invoke(int thread, TOp op)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(thread);
        long time = Interlocked.Increment(ref _clock);
        var record = new Record(thread, op, time);
        Store(time, record);
        return new HistoryCall<TOp, TResult>(this, record);
    }

    /// <summary>The calls recorded so far, in invocation order; calls that have not returned are pending.</summary>
    /// <returns>A snapshot: later events do not change it.</returns>
    public IReadOnlyList<HistoryEntry<TOp, TResult>> Entries()
    {
        long now = Interlocked.Increment(ref _clock);
        var segments = Volatile.Read(ref _segments);
        var entries = new List<HistoryEntry<TOp, TResult>>();
        for (long time = 1; time < now; time++)
        {
            var segment = (time >> SegmentShift) < segments.Length ? Volatile.Read(ref segments[time >> SegmentShift]) : null;
            if (segment is null)
            {
                // A segment not yet published holds only invocations still being recorded: pending calls
                // that cannot have been observed, which may be left out.
                time |= SegmentSize - 1;
                continue;
            }

            var record = Volatile.Read(ref segment[time & (SegmentSize - 1)]);
            if (record is null)
            {
                continue; // A response's tick, or an invocation still being stored (left out, as above).
            }

            long returned = Volatile.Read(ref record.Returned);
            bool done = returned != 0 && returned < now;
            entries.Add(new HistoryEntry<TOp, TResult>(entries.Count, record.Thread, record.Op, done ? record.Result : default, time, done ? returned : null)
            {
                Fault = done ? record.Fault : null,
            });
        }

        return entries;
    }

    /// <inheritdoc/>
    public override string ToString() => $"History: {EventCount} events";

    internal void Respond(Record record, TResult result, string? fault)
    {
        if (Interlocked.Exchange(ref record.Responding, 1) != 0)
        {
            throw new InvalidOperationException($"The call {record.Op} has already returned; each call returns once.");
        }

        record.Result = result;
        record.Fault = fault;
        long time = Interlocked.Increment(ref _clock);
        Volatile.Write(ref record.Returned, time); // Publishes Result: readers check Returned first.
    }

    private void Store(long time, Record record)
    {
        long index = time >> SegmentShift;
        var segments = Volatile.Read(ref _segments);
        var segment = index < segments.Length ? Volatile.Read(ref segments[index]) : null;
        if (segment is null)
        {
            segment = AddSegment(index);
        }

        Volatile.Write(ref segment[time & (SegmentSize - 1)], record);
    }

    private Record?[] AddSegment(long index)
    {
        // Uninterruptible: stress may interrupt the recording threads at any moment, and a throw here would
        // lose the invocation being recorded. (This assembly is never rewritten for Coyote, so this is the
        // real monitor in every mode; Weave.Primitives' Interrupts would take Coyote's.)
        bool interrupted = false;
        while (true)
        {
            try
            {
                Monitor.Enter(_growLock);
                break;
            }
            catch (ThreadInterruptedException)
            {
                interrupted = true;
            }
        }

        try
        {
            var segments = _segments;
            if (index >= segments.Length)
            {
                var grown = new Record?[]?[Math.Max(segments.Length * 2, (int)index + 1)];
                Array.Copy(segments, grown, segments.Length);
                Volatile.Write(ref _segments, grown);
                segments = grown;
            }

            var segment = segments[index];
            if (segment is null)
            {
                segment = new Record?[SegmentSize];
                Volatile.Write(ref segments[index], segment);
            }

            return segment;
        }
        finally
        {
            Monitor.Exit(_growLock);
            if (interrupted)
            {
                Thread.CurrentThread.Interrupt(); // Kept for the thread's next blocking call.
            }
        }
    }

    /// <summary>One call's mutable record, written by the calling thread only.</summary>
    internal sealed class Record(int thread, TOp op, long invoked)
    {
        public readonly int Thread = thread;
        public readonly TOp Op = op;
        public readonly long Invoked = invoked;
        public TResult? Result;
        public string? Fault;
        public long Returned;
        public int Responding;
    }
}
