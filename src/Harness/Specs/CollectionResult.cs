using System.Text.Json.Serialization;
using Weave.Harness.Internal;

namespace Weave.Harness;

/// <summary>The result of a <see cref="CollectionOp"/>.</summary>
/// <param name="Ok">Contains: present. Pop: a value was popped (false: empty). Others: true.</param>
/// <param name="Value">Pop: the value popped.</param>
/// <param name="Values">Read: the set's elements (any order).</param>
/// <param name="Count">Size: the number of elements.</param>
public sealed record CollectionResult(bool Ok = true, [property: JsonConverter(typeof(StringOrNumberConverter))] string? Value = null, IReadOnlyList<string>? Values = null, int? Count = null)
{
    /// <inheritdoc/>
    public override string ToString() =>
        Values is not null ? $"{{{string.Join(", ", Values)}}}"
        : Count is int n ? $"size {n}"
        : Value is not null ? Value
        : Ok ? "ok" : "empty/false";

    /// <inheritdoc/>
    public bool Equals(CollectionResult? other) =>
        other is not null && Ok == other.Ok && Value == other.Value && Count == other.Count
        && (Values is null ? other.Values is null : other.Values is not null && Values.Order(StringComparer.Ordinal).SequenceEqual(other.Values.Order(StringComparer.Ordinal)));

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Ok, Value, Count, Values?.Count);
}
