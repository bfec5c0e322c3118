using System.Text.Json;
using System.Text.Json.Serialization;

namespace Weave.Primitives;

/// <summary>
/// A <see cref="Connection"/> crosses to another process as the name of its pipe's host, the
/// pipe's id and the end's side and direction (Python pickles a connection by duplicating its handle).
/// </summary>
internal sealed class ConnectionJsonConverter : JsonConverter<Connection>
{
    public override Connection Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        Handle handle = JsonSerializer.Deserialize<Handle>(ref reader, options)
            ?? throw new JsonException("A Connection handle is null.");
        return new Connection(IpcEndpoint.Open(handle.Host, handle.Id), handle.Side, handle.Readable, handle.Writable);
    }

    public override void Write(Utf8JsonWriter writer, Connection value, JsonSerializerOptions options)
    {
        value.Endpoint.Share();
        JsonSerializer.Serialize(writer, new Handle(value.Endpoint.HostName, value.Endpoint.Id, value.Side, value.Readable, value.Writable), options);
    }

    private sealed record Handle(string Host, long Id, int Side, bool Readable, bool Writable);
}
