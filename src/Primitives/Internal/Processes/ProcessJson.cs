using System.Text.Json;

namespace Weave.Primitives;

/// <summary>
/// The one System.Text.Json configuration for everything that crosses a process boundary
/// (arguments, results, pipe and queue messages): fields included, so tuples and plain structs
/// travel as Python's pickle would carry them.
/// </summary>
internal static class ProcessJson
{
    internal static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.General)
    {
        IncludeFields = true,
    };

    internal static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    internal static T Deserialize<T>(ReadOnlySpan<byte> utf8) => JsonSerializer.Deserialize<T>(utf8, Options)!;
}
