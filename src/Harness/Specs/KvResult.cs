using System.Text.Json.Serialization;
using Weave.Harness.Internal;

namespace Weave.Harness;

/// <summary>The result of a <see cref="KvOp"/>: for a read the value (null: absent); for a cas whether it swapped.</summary>
/// <param name="Ok">A cas: true if it swapped. Writes and appends: true. Reads: true.</param>
/// <param name="Value">A read's value (null when absent); null otherwise.</param>
public sealed record KvResult(bool Ok, [property: JsonConverter(typeof(StringOrNumberConverter))] string? Value = null)
{
    /// <summary>A successful write, append or cas.</summary>
    public static KvResult Done { get; } = new(true);

    /// <summary>A cas that found another value.</summary>
    public static KvResult Failed { get; } = new(false);

    /// <summary>A read that returned <paramref name="value"/> (null: absent).</summary>
    public static KvResult Of(string? value) => new(true, value);

    /// <inheritdoc/>
    public override string ToString() => Value is not null ? Value : Ok ? "ok" : "failed";
}
