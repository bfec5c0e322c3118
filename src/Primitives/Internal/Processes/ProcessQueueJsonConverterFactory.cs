using System.Text.Json;
using System.Text.Json.Serialization;

namespace Weave.Primitives;

/// <summary>A <see cref="ProcessQueue{T}"/> crosses to another process as its host's name, its id and its capacity.</summary>
internal sealed class ProcessQueueJsonConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(ProcessQueue<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;

    private sealed record Handle(string Host, long Id, int MaxSize);

    private sealed class Converter<T> : JsonConverter<ProcessQueue<T>>
    {
        public override ProcessQueue<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            Handle handle = JsonSerializer.Deserialize<Handle>(ref reader, options) ?? throw new JsonException("A ProcessQueue handle is null.");
            return new ProcessQueue<T>(IpcEndpoint.Open(handle.Host, handle.Id), handle.MaxSize);
        }

        public override void Write(Utf8JsonWriter writer, ProcessQueue<T> value, JsonSerializerOptions options)
        {
            value.Endpoint.Share();
            JsonSerializer.Serialize(writer, new Handle(value.Endpoint.HostName, value.Endpoint.Id, value.MaxSize), options);
        }
    }
}
