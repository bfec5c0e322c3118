using System.Buffers.Binary;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Weave.Primitives;

/// <summary>
/// A FIFO queue shared between processes, with <see cref="FifoQueue{T}"/>'s surface (maxsize,
/// blocking and timed put/get, task_done/join, shutdown): Python's <c>multiprocessing.Queue</c> /
/// <c>JoinableQueue</c>, or a <c>Manager().Queue()</c>, which also works with pools.
/// </summary>
/// <remarks>
/// The queue lives in the process that created it (a <see cref="FifoQueue{T}"/> of items
/// serialised with System.Text.Json, so every process gets its own copy of an item, as with
/// pickling); pass the queue as an argument to work in a worker process and it reaches the queue
/// over a local named pipe. If the creating process exits, the copies elsewhere fail with
/// <see cref="IOException"/>. Timeouts are supported; cancellation tokens are not (a wait in
/// another process cannot be cancelled from here).
/// </remarks>
[JsonConverter(typeof(ProcessQueueJsonConverterFactory))]
[DebuggerDisplay("MaxSize = {_maxSize}, Closed = {IsClosed}")]
public sealed class ProcessQueue<T>
{
    private readonly IpcEndpoint _endpoint;
    private readonly int _maxSize;
    private volatile bool _closed;

    /// <summary>Creates a queue holding at most <paramref name="maxSize"/> items (zero or less: unbounded). Python: <c>multiprocessing.Queue(maxsize)</c>.</summary>
    public ProcessQueue(int maxSize = 0)
        : this(IpcEndpoint.Create(new QueueChannel(maxSize)), maxSize)
    {
    }

    internal ProcessQueue(IpcEndpoint endpoint, int maxSize)
    {
        _endpoint = endpoint;
        _maxSize = maxSize;
    }

    /// <summary>The number of items (a snapshot). Python: <c>qsize()</c>.</summary>
    public int Count => State().Count;

    /// <summary>Whether the queue is empty (a snapshot). Python: <c>empty()</c>.</summary>
    public bool IsEmpty => Count == 0;

    /// <summary>Whether the queue is full (a snapshot; never for an unbounded queue). Python: <c>full()</c>.</summary>
    public bool IsFull => _maxSize > 0 && Count >= _maxSize;

    /// <summary>The capacity; zero or less means unbounded. Python: <c>maxsize</c>.</summary>
    public int MaxSize => _maxSize;

    /// <summary>Items put and not yet marked done with <see cref="TaskDone"/>.</summary>
    public int UnfinishedTasks => State().Unfinished;

    /// <summary>Whether <see cref="Shutdown"/> was called.</summary>
    public bool IsShutDown => State().ShutDown;

    /// <summary>Whether this handle was closed with <see cref="Close"/>.</summary>
    public bool IsClosed => _closed;

    /// <summary>Puts an item, waiting for room as long as it takes. Python: <c>put(item)</c>.</summary>
    /// <exception cref="QueueShutDownException">The queue was shut down.</exception>
    /// <exception cref="InvalidOperationException">This handle was closed.</exception>
    /// <exception cref="IOException">The creating process is gone.</exception>
    public void Put(T item) => TryPutCore(item, Timeout.InfiniteTimeSpan);

    /// <summary>Puts an item, waiting at most <paramref name="timeout"/> for room. Python: <c>put(item, timeout=t)</c>.</summary>
    /// <exception cref="QueueFullException">Still full when the timeout passed.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    /// <inheritdoc cref="Put(T)" path="/exception"/>
    public void Put(T item, TimeSpan timeout)
    {
        if (!TryPut(item, timeout))
        {
            throw new QueueFullException();
        }
    }

    /// <summary>Puts an item if there is room now. Python: <c>put_nowait(item)</c>.</summary>
    /// <exception cref="QueueFullException">The queue is full.</exception>
    /// <inheritdoc cref="Put(T)" path="/exception"/>
    public void PutNoWait(T item) => Put(item, TimeSpan.Zero);

    /// <summary>Puts an item if there is room now.</summary>
    /// <returns>Whether it was put.</returns>
    /// <inheritdoc cref="Put(T)" path="/exception"/>
    public bool TryPut(T item) => TryPut(item, TimeSpan.Zero);

    /// <summary>Puts an item, waiting at most <paramref name="timeout"/> for room.</summary>
    /// <returns>Whether it was put.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    /// <inheritdoc cref="Put(T)" path="/exception"/>
    public bool TryPut(T item, TimeSpan timeout)
    {
        _ = Deadline.After(timeout); // Validates the timeout here, naming the argument.
        return TryPutCore(item, timeout);
    }

    /// <summary>Removes and returns the oldest item, waiting as long as it takes. Python: <c>get()</c>.</summary>
    /// <exception cref="QueueShutDownException">The queue was shut down and is empty (or shut down immediately).</exception>
    /// <exception cref="InvalidOperationException">This handle was closed.</exception>
    /// <exception cref="IOException">The creating process is gone.</exception>
    public T Get() => TryGetCore(out T? item, Timeout.InfiniteTimeSpan) ? item : throw new QueueEmptyException();

    /// <summary>Removes and returns the oldest item, waiting at most <paramref name="timeout"/>. Python: <c>get(timeout=t)</c>.</summary>
    /// <exception cref="QueueEmptyException">Still empty when the timeout passed.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    /// <inheritdoc cref="Get()" path="/exception"/>
    public T Get(TimeSpan timeout) => TryGet(out T? item, timeout) ? item : throw new QueueEmptyException();

    /// <summary>Removes and returns the oldest item if there is one now. Python: <c>get_nowait()</c>.</summary>
    /// <exception cref="QueueEmptyException">The queue is empty.</exception>
    /// <inheritdoc cref="Get()" path="/exception"/>
    public T GetNoWait() => Get(TimeSpan.Zero);

    /// <summary>Removes the oldest item if there is one now.</summary>
    /// <inheritdoc cref="Get()" path="/exception"/>
    public bool TryGet([MaybeNullWhen(false)] out T item) => TryGet(out item, TimeSpan.Zero);

    /// <summary>Removes the oldest item, waiting at most <paramref name="timeout"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    /// <inheritdoc cref="Get()" path="/exception"/>
    public bool TryGet([MaybeNullWhen(false)] out T item, TimeSpan timeout)
    {
        _ = Deadline.After(timeout);
        return TryGetCore(out item, timeout);
    }

    /// <summary>Marks one item taken with Get as processed. Python: <c>JoinableQueue.task_done()</c>.</summary>
    /// <exception cref="InvalidOperationException">Called more times than items were put ("task_done() called too many times"), or this handle was closed.</exception>
    public void TaskDone() => Call(QueueChannel.OpTaskDone, []);

    /// <summary>Waits until every item put has been marked done. Python: <c>JoinableQueue.join()</c>.</summary>
    /// <exception cref="InvalidOperationException">This handle was closed.</exception>
    public void Join() => Join(Timeout.InfiniteTimeSpan);

    /// <summary>Waits at most <paramref name="timeout"/> until every item put has been marked done.</summary>
    /// <returns>Whether all tasks are done.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    public bool Join(TimeSpan timeout)
    {
        _ = Deadline.After(timeout);
        return Call(QueueChannel.OpJoin, IpcTimeout.Payload(timeout))[0] == 1;
    }

    /// <summary>Shuts the queue down for every process: puts fail; gets drain it, then fail (immediately: at once). Python 3.13: <c>shutdown(immediate)</c>.</summary>
    public void Shutdown(bool immediate = false) => Call(QueueChannel.OpShutdown, [immediate ? (byte)1 : (byte)0]);

    /// <summary>Closes this handle: later puts and gets through it throw. The queue itself, and other handles to it, are not affected. Python: <c>close()</c>.</summary>
    public void Close() => _closed = true;

    /// <inheritdoc/>
    public override string ToString() => $"<ProcessQueue maxsize={_maxSize}{(IsClosed ? " closed" : "")}>";

    internal IpcEndpoint Endpoint => _endpoint;

    private bool TryPutCore(T item, TimeSpan timeout)
    {
        byte[] payload = IpcTimeout.Payload(timeout, JsonSerializer.SerializeToUtf8Bytes(item, ProcessJson.Options));
        return Call(QueueChannel.OpPut, payload)[0] == 1;
    }

    private bool TryGetCore([MaybeNullWhen(false)] out T item, TimeSpan timeout)
    {
        byte[] response = Call(QueueChannel.OpGet, IpcTimeout.Payload(timeout));
        if (response[0] == 0)
        {
            item = default;
            return false;
        }

        item = JsonSerializer.Deserialize<T>(response.AsSpan(1), ProcessJson.Options)!;
        return true;
    }

    private (int Count, int Unfinished, bool ShutDown) State()
    {
        byte[] state = Call(QueueChannel.OpState, []);
        return (BinaryPrimitives.ReadInt32LittleEndian(state), BinaryPrimitives.ReadInt32LittleEndian(state.AsSpan(8)), state[12] == 1);
    }

    private byte[] Call(byte op, ReadOnlySpan<byte> payload)
    {
        if (_closed)
        {
            throw new InvalidOperationException("Queue is closed (this handle was closed with Close()).");
        }

        return _endpoint.Call(0, op, payload);
    }
}
