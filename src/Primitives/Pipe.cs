namespace Weave.Primitives;

/// <summary>Creates connected pairs of <see cref="Connection"/>s: Python's <c>multiprocessing.Pipe</c>.</summary>
public static class Pipe
{
    /// <summary>
    /// Creates a pipe and returns its two ends. Duplex (the default): both ends send and receive.
    /// One-way: the first end only receives and the second only sends, as Python's <c>Pipe(False)</c>
    /// returns <c>(reader, writer)</c>. Hand either end to a worker process as an argument.
    /// </summary>
    public static (Connection First, Connection Second) Create(bool duplex = true)
    {
        IpcEndpoint endpoint = IpcEndpoint.Create(new PipeChannel());
        return (new Connection(endpoint, 0, readable: true, writable: duplex),
                new Connection(endpoint, 1, readable: duplex, writable: true));
    }
}
