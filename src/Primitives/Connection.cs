using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Weave.Primitives;

/// <summary>
/// One end of a <see cref="Pipe"/>: Python's <c>multiprocessing.connection.Connection</c>. Messages
/// keep their boundaries (an empty message is a message). Pass it as an argument to work in a
/// worker process and it talks to the other end from there: the pipe lives in the process that
/// created it, and the ends in other processes reach it over a local named pipe.
/// </summary>
/// <remarks>
/// Closing an end closes it for every process holding it: the other end then reads the messages
/// left and gets <see cref="EndOfStreamException"/>. (With OS pipes each process's copy must be
/// closed; a worker that forgets to is a classic hang that this design avoids.) If the creating
/// process exits, the ends elsewhere fail with <see cref="IOException"/>.
/// </remarks>
[JsonConverter(typeof(ConnectionJsonConverter))]
[DebuggerDisplay("Side = {_side}, Readable = {Readable}, Writable = {Writable}, Closed = {IsClosed}")]
public sealed class Connection : IDisposable
{
    private readonly IpcEndpoint _endpoint;
    private readonly int _side;
    private volatile bool _closed;

    internal Connection(IpcEndpoint endpoint, int side, bool readable, bool writable)
    {
        _endpoint = endpoint;
        _side = side;
        Readable = readable;
        Writable = writable;
    }

    /// <summary>Whether this end can receive. Python: <c>readable</c>.</summary>
    public bool Readable { get; }

    /// <summary>Whether this end can send. Python: <c>writable</c>.</summary>
    public bool Writable { get; }

    /// <summary>Whether this end was closed. Python: <c>closed</c>.</summary>
    public bool IsClosed => _closed;

    /// <summary>Sends <paramref name="value"/>, serialised with System.Text.Json. Python: <c>send(obj)</c>.</summary>
    /// <exception cref="ObjectDisposedException">This end is closed ("handle is closed").</exception>
    /// <exception cref="InvalidOperationException">This end is read-only ("connection is read-only").</exception>
    /// <exception cref="IOException">The other end is closed (broken pipe), or the creating process is gone.</exception>
    public void Send<T>(T value) => SendCore(JsonSerializer.SerializeToUtf8Bytes(value, ProcessJson.Options));

    /// <summary>Receives the next message and deserialises it as <typeparamref name="T"/>, waiting for one. Python: <c>recv()</c>.</summary>
    /// <exception cref="EndOfStreamException">The other end is closed and no message is left (Python: EOFError).</exception>
    /// <exception cref="ObjectDisposedException">This end is closed.</exception>
    /// <exception cref="InvalidOperationException">This end is write-only ("connection is write-only").</exception>
    /// <exception cref="JsonException">The message is not a <typeparamref name="T"/>.</exception>
    public T Recv<T>() => JsonSerializer.Deserialize<T>(RecvBytes(), ProcessJson.Options)!;

    /// <summary>Sends <paramref name="size"/> bytes of <paramref name="buffer"/> from <paramref name="offset"/> as one message. Python: <c>send_bytes(buf, offset, size)</c>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="buffer"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The slice is outside the buffer.</exception>
    /// <inheritdoc cref="Send{T}(T)" path="/exception"/>
    public void SendBytes(byte[] buffer, int offset = 0, int? size = null)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset, buffer.Length);
        int count = size ?? buffer.Length - offset;
        ArgumentOutOfRangeException.ThrowIfNegative(count, nameof(size));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, buffer.Length - offset, nameof(size));
        SendCore(buffer.AsSpan(offset, count));
    }

    /// <summary>Receives the next message as bytes, waiting for one. Python: <c>recv_bytes()</c>.</summary>
    /// <inheritdoc cref="Recv{T}" path="/exception"/>
    public byte[] RecvBytes()
    {
        CheckUsable(read: true);
        try
        {
            return _endpoint.Call(_side, PipeChannel.OpRecv, []);
        }
        catch (IOException e) when (e is not EndOfStreamException)
        {
            throw new EndOfStreamException("The process that created the pipe is gone.", e);
        }
    }

    /// <summary>
    /// Whether a message (or the end of the stream) is waiting, waiting up to <paramref name="timeout"/>
    /// for one. After the other end closed it returns true, and <see cref="RecvBytes"/> then throws
    /// <see cref="EndOfStreamException"/>. Python: <c>poll(timeout)</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    /// <exception cref="ObjectDisposedException">This end is closed.</exception>
    /// <exception cref="InvalidOperationException">This end is write-only.</exception>
    public bool Poll(TimeSpan timeout)
    {
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.Zero);
        }

        CheckUsable(read: true);
        return _endpoint.Call(_side, PipeChannel.OpPoll, IpcTimeout.Payload(timeout))[0] == 1;
    }

    /// <summary>Whether a message (or the end of the stream) is waiting now. Python: <c>poll()</c>.</summary>
    /// <inheritdoc cref="Poll(TimeSpan)" path="/exception"/>
    public bool Poll() => Poll(TimeSpan.Zero);

    /// <summary>Closes this end, for every process that holds it; the other end reads what is left, then sees the end of the stream. Harmless when closed. Python: <c>close()</c>.</summary>
    public void Close()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        try
        {
            _endpoint.Call(_side, PipeChannel.OpClose, []);
        }
        catch (IOException)
        {
            // The creating process is gone: nothing is left to close.
        }
    }

    /// <summary>Closes this end (<see cref="Close"/>).</summary>
    public void Dispose() => Close();

    /// <inheritdoc/>
    public override string ToString() =>
        $"<Connection {(Readable && Writable ? "duplex" : Readable ? "read-only" : "write-only")}{(IsClosed ? " closed" : "")}>";

    internal IpcEndpoint Endpoint => _endpoint;

    internal int Side => _side;

    private void SendCore(ReadOnlySpan<byte> message)
    {
        CheckUsable(read: false);
        _endpoint.Call(_side, PipeChannel.OpSend, message);
    }

    private void CheckUsable(bool read)
    {
        ObjectDisposedException.ThrowIf(_closed, typeof(Connection).Name + " (handle is closed)");
        if (read && !Readable)
        {
            throw new InvalidOperationException("connection is write-only");
        }

        if (!read && !Writable)
        {
            throw new InvalidOperationException("connection is read-only");
        }
    }
}
