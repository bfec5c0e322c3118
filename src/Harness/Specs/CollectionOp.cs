using System.Text.Json.Serialization;
using Weave.Harness.Internal;

namespace Weave.Harness;

/// <summary>An operation on a set or a stack (<see cref="SetSpec"/>, <see cref="StackSpec"/>); values are strings.</summary>
/// <param name="Kind">What it does.</param>
/// <param name="Value">The value added, removed, looked up or pushed.</param>
public sealed record CollectionOp(CollectionOpKind Kind, [property: JsonConverter(typeof(StringOrNumberConverter))] string? Value = null)
{
    /// <inheritdoc/>
    public override string ToString() => Value is null ? Kind.ToString() : $"{Kind}({Value})";
}
