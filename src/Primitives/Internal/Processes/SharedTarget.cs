using System.Text.Json;

namespace Weave.Primitives;

/// <summary>
/// A <see cref="Manager"/>'s object in the process that hosts it: one operation at a time per call, the
/// object's own state behind its own lock (or its own primitive), until the manager shuts down.
/// </summary>
internal sealed class SharedTarget(string kind, Func<byte, JsonElement, object?> handle) : IIpcTarget
{
    private volatile bool _shutDown;

    /// <summary>What kind of object this is, for messages ("dict", "lock"…).</summary>
    internal string Kind => kind;

    public byte[] Handle(int side, byte op, ReadOnlySpan<byte> payload)
    {
        if (_shutDown)
        {
            throw new ObjectDisposedException($"Manager {kind}", $"The Manager that hosted this {kind} has been shut down.");
        }

        JsonElement request = payload.Length == 0 ? default : JsonSerializer.Deserialize<JsonElement>(payload, ProcessJson.Options);
        object? result = handle(op, request);
        return JsonSerializer.SerializeToUtf8Bytes(result, ProcessJson.Options);
    }

    internal void ShutDown() => _shutDown = true;
}
