using System.Collections.Concurrent;
using System.IO.Pipes;

namespace Weave.Primitives;

/// <summary>
/// How a handle (a <see cref="Connection"/>, a <see cref="ProcessQueue{T}"/>) reaches its hosted
/// object: directly in the creating process, over <see cref="IpcHost"/>'s pipe from any other.
/// Remote calls use a small pool of connections, so one thread blocked in a call does not block
/// another thread's call through the same handle.
/// </summary>
internal sealed class IpcEndpoint
{
    private static readonly TimeSpan s_connectTimeout = TimeSpan.FromSeconds(30);

    private readonly IIpcTarget? _local;
    private readonly ConcurrentBag<NamedPipeClientStream> _idle = [];

    private IpcEndpoint(string hostName, long id, IIpcTarget? local)
    {
        HostName = hostName;
        Id = id;
        _local = local;
    }

    internal string HostName { get; }

    internal long Id { get; }

    internal bool IsLocal => _local is not null;

    /// <summary>Hosts <paramref name="target"/> in this process.</summary>
    internal static IpcEndpoint Create(IIpcTarget target)
    {
        IpcHost host = IpcHost.Current;
        return new IpcEndpoint(host.Name, host.Register(target), target);
    }

    /// <summary>The endpoint named by a handle that came from another (or this) process.</summary>
    internal static IpcEndpoint Open(string hostName, long id) =>
        hostName == IpcHost.CurrentName && IpcHost.Current.Find(id) is IIpcTarget local
            ? new IpcEndpoint(hostName, id, local)
            : new IpcEndpoint(hostName, id, null);

    /// <summary>Prepares the endpoint to be named to another process.</summary>
    internal void Share()
    {
        if (_local is not null)
        {
            IpcHost.Current.EnsureListening();
        }
    }

    /// <summary>Runs an operation on the hosted object.</summary>
    /// <exception cref="IOException">The hosting process cannot be reached (it exited).</exception>
    internal byte[] Call(int side, byte op, ReadOnlySpan<byte> payload)
    {
        if (_local is not null)
        {
            return _local.Handle(side, op, payload);
        }

        NamedPipeClientStream connection = Connect();
        byte[] frame;
        try
        {
            Frames.Write(connection, IpcHost.Request(Id, side, op, payload));
            frame = Frames.Read(connection) ?? throw new EndOfStreamException("The process that hosts this pipe or queue closed the connection.");
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            connection.Dispose();
            throw new IOException($"The process that created this object (a pipe, a process queue, a Manager and its objects) is gone ({e.Message}).", e);
        }

        _idle.Add(connection);
        return IpcHost.Response(frame);
    }

    private NamedPipeClientStream Connect()
    {
        if (_idle.TryTake(out NamedPipeClientStream? idle))
        {
            return idle;
        }

        var connection = new NamedPipeClientStream(".", HostName, PipeDirection.InOut, PipeOptions.None);
        try
        {
            connection.Connect(s_connectTimeout);
        }
        catch (Exception e) when (e is TimeoutException or IOException)
        {
            connection.Dispose();
            throw new IOException($"Cannot reach the process that created this pipe or queue ({HostName}): {e.Message}", e);
        }

        return connection;
    }
}
