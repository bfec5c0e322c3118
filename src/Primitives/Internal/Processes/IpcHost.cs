using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.IO.Pipes;

namespace Weave.Primitives;

/// <summary>
/// This process's server for the pipes and queues it created (Python's manager process, hosted in
/// the creator): a named pipe that other processes connect to, one thread per connection, each
/// request <c>[object id: 8][side: 4][op: 1][payload]</c> answered with <c>[status: 1][payload]</c>
/// (status 1: a <see cref="RemoteError"/>). It starts listening the first time a handle is sent
/// to another process; handles used only here never touch it.
/// </summary>
internal sealed class IpcHost
{
    private const byte StatusOk = 0;
    private const byte StatusError = 1;

    private static readonly Lazy<IpcHost> s_current = new(() => new IpcHost());

    private readonly ConcurrentDictionary<long, IIpcTarget> _targets = new();
    private readonly Lazy<Thread> _listener;
    private long _nextId;

    private IpcHost()
    {
        Name = $"weave-ipc-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
        _listener = new Lazy<Thread>(() =>
        {
            var thread = new Thread(Listen) { IsBackground = true, Name = "Weave IPC listener" };
            thread.Start();
            return thread;
        });
    }

    internal static IpcHost Current => s_current.Value;

    /// <summary>The pipe name other processes connect to.</summary>
    internal string Name { get; }

    /// <summary>The host's name if it exists in this process (without creating it).</summary>
    internal static string? CurrentName => s_current.IsValueCreated ? s_current.Value.Name : null;

    internal long Register(IIpcTarget target)
    {
        long id = Interlocked.Increment(ref _nextId);
        _targets[id] = target;
        return id;
    }

    internal void Unregister(long id) => _targets.TryRemove(id, out _);

    internal IIpcTarget? Find(long id) => _targets.TryGetValue(id, out IIpcTarget? target) ? target : null;

    /// <summary>Makes sure other processes can connect (called when a handle is serialised).</summary>
    internal void EnsureListening() => _ = _listener.Value;

    internal static byte[] Request(long id, int side, byte op, ReadOnlySpan<byte> payload)
    {
        byte[] request = new byte[13 + payload.Length];
        BinaryPrimitives.WriteInt64LittleEndian(request, id);
        BinaryPrimitives.WriteInt32LittleEndian(request.AsSpan(8), side);
        request[12] = op;
        payload.CopyTo(request.AsSpan(13));
        return request;
    }

    /// <summary>Reads a response: its payload, or the remote exception rethrown.</summary>
    internal static byte[] Response(byte[] frame)
    {
        if (frame.Length == 0)
        {
            throw new InvalidDataException("Empty response from the process that hosts the pipe or queue.");
        }

        if (frame[0] == StatusError)
        {
            throw ProcessJson.Deserialize<RemoteError>(frame.AsSpan(1)).ToException();
        }

        return frame[1..];
    }

    private void Listen()
    {
        while (true)
        {
            var server = new NamedPipeServerStream(Name, PipeDirection.InOut, NamedPipeServerStream.MaxAllowedServerInstances, PipeTransmissionMode.Byte, PipeOptions.None);
            try
            {
                server.WaitForConnection();
            }
            catch (IOException)
            {
                server.Dispose();
                continue;
            }

            new Thread(() => Serve(server)) { IsBackground = true, Name = "Weave IPC connection" }.Start();
        }
    }

    private void Serve(NamedPipeServerStream connection)
    {
        using (connection)
        {
            while (true)
            {
                byte[]? request;
                try
                {
                    request = Frames.Read(connection);
                }
                catch (IOException)
                {
                    return;
                }

                if (request is null || request.Length < 13)
                {
                    return; // The other process closed this connection.
                }

                long id = BinaryPrimitives.ReadInt64LittleEndian(request);
                int side = BinaryPrimitives.ReadInt32LittleEndian(request.AsSpan(8));
                byte op = request[12];
                IIpcTarget? target = Find(id);
                byte[] response;
                byte[]? result = null;
                try
                {
                    if (target is null)
                    {
                        throw new ObjectDisposedException($"object {id}", "The pipe or queue no longer exists in the process that created it.");
                    }

                    result = target.Handle(side, op, request.AsSpan(13));
                    response = [StatusOk, .. result];
                }
                catch (Exception e)
                {
                    response = [StatusError, .. ProcessJson.Serialize(RemoteError.From(e))];
                }

                try
                {
                    Frames.Write(connection, response);
                }
                catch (IOException)
                {
                    if (result is not null)
                    {
                        target!.Undelivered(op, result); // E.g. an item taken for a getter that died: put it back.
                    }

                    return;
                }
            }
        }
    }
}
