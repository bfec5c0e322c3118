using System.Text.Json;

namespace Weave.Primitives;

/// <summary>The client side of a <see cref="Manager"/>'s object: calls its host (directly in the hosting process, over the IPC pipe elsewhere).</summary>
internal sealed class SharedProxy(IpcEndpoint endpoint)
{
    internal IpcEndpoint Endpoint => endpoint;

    internal JsonElement Call(byte op, object? request = null)
    {
        byte[] payload = request is null ? [] : JsonSerializer.SerializeToUtf8Bytes(request, ProcessJson.Options);
        byte[] response = endpoint.Call(0, op, payload);
        return JsonSerializer.Deserialize<JsonElement>(response, ProcessJson.Options);
    }

    internal T Call<T>(byte op, object? request = null) => Call(op, request).Deserialize<T>(ProcessJson.Options)!;

    internal static JsonElement ToElement<T>(T value) => JsonSerializer.SerializeToElement(value, ProcessJson.Options);

    internal static T FromElement<T>(JsonElement element) => element.Deserialize<T>(ProcessJson.Options)!;
}
