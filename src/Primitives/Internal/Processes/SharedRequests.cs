using System.Text.Json;

namespace Weave.Primitives;

/// <summary>What a proxy sends with an operation on a <see cref="Manager"/>'s object.</summary>
internal sealed record SharedRequest(JsonElement? Key = null, JsonElement? Value = null, int Index = 0, long TimeoutTicks = 0, string? Owner = null)
{
    internal TimeSpan Timeout => TimeSpan.FromTicks(TimeoutTicks);

    internal string KeyText => (Key ?? throw new InvalidDataException("The call names no key.")).GetRawText();

    internal JsonElement ValueCopy => (Value ?? throw new InvalidDataException("The call carries no value.")).Clone();

    internal static SharedRequest Waiting(TimeSpan timeout, string? owner = null) => new(TimeoutTicks: timeout.Ticks, Owner: owner);

    internal static SharedRequest From(JsonElement element) => element.ValueKind == JsonValueKind.Undefined
        ? new SharedRequest()
        : element.Deserialize<SharedRequest>(ProcessJson.Options) ?? new SharedRequest();
}
