using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Weave.Primitives;

/// <summary>
/// Serialises a <see cref="Manager"/>'s object as a handle (the hosting process's IPC name and the object's id),
/// so it can be passed to a <see cref="WorkerProcess"/> or a pool worker and reach the same object there.
/// </summary>
internal sealed class SharedObjectJsonConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeof(ISharedObject).IsAssignableFrom(typeToConvert);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert))!;

    private sealed record Handle(string Host, long Id);

    private sealed class Converter<T> : JsonConverter<T>
        where T : ISharedObject
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            Handle handle = JsonSerializer.Deserialize<Handle>(ref reader, options) ?? throw new JsonException($"A {typeof(T).Name} handle is null.");
            var proxy = new SharedProxy(IpcEndpoint.Open(handle.Host, handle.Id));
            return (T)Activator.CreateInstance(typeof(T), BindingFlags.Instance | BindingFlags.NonPublic, null, [proxy], null)!;
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            value.Proxy.Endpoint.Share();
            JsonSerializer.Serialize(writer, new Handle(value.Proxy.Endpoint.HostName, value.Proxy.Endpoint.Id), options);
        }
    }
}

/// <summary>A <see cref="Manager"/>'s object: what its converter needs.</summary>
internal interface ISharedObject
{
    SharedProxy Proxy { get; }
}
