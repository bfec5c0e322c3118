using System.Text.Json.Serialization;
using Weave.Harness.Internal;

namespace Weave.Harness;

/// <summary>
/// An operation on a register or on one key of a key-value map (<see cref="KeyValueSpec"/>). Values are
/// strings (numbers as their text); null is the absent value (Jepsen's <c>nil</c>).
/// </summary>
/// <param name="Kind">What it does.</param>
/// <param name="Key">The key (null for a single register: then nothing is partitioned).</param>
/// <param name="Value">The value written, appended, or set by a cas.</param>
/// <param name="Expected">A cas's expected value.</param>
public sealed record KvOp(
    KvOpKind Kind,
    [property: JsonConverter(typeof(StringOrNumberConverter))] string? Key = null,
    [property: JsonConverter(typeof(StringOrNumberConverter))] string? Value = null,
    [property: JsonConverter(typeof(StringOrNumberConverter))] string? Expected = null)
{
    /// <summary>A read of <paramref name="key"/>.</summary>
    public static KvOp Read(string? key = null) => new(KvOpKind.Read, key);

    /// <summary>A write of <paramref name="value"/> to <paramref name="key"/>.</summary>
    public static KvOp Write(string? value, string? key = null) => new(KvOpKind.Write, key, value);

    /// <summary>A compare-and-set of <paramref name="key"/> from <paramref name="expected"/> to <paramref name="value"/>.</summary>
    public static KvOp Cas(string? expected, string? value, string? key = null) => new(KvOpKind.Cas, key, value, expected);

    /// <summary>An append of <paramref name="value"/> to <paramref name="key"/>.</summary>
    public static KvOp Append(string value, string? key = null) => new(KvOpKind.Append, key, value);

    /// <inheritdoc/>
    public override string ToString()
    {
        string on = Key is null ? "" : $"{Key}: ";
        return Kind switch
        {
            KvOpKind.Read => Key is null ? "Read" : $"Read({Key})",
            KvOpKind.Write => $"Write({on}{Show(Value)})",
            KvOpKind.Cas => $"Cas({on}{Show(Expected)} -> {Show(Value)})",
            _ => $"Append({on}{Show(Value)})",
        };
    }

    internal static string Show(string? value) => value ?? "nil";
}
