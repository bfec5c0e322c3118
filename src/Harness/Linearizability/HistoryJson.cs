using System.Text.Json;
using System.Text.Json.Serialization;

namespace Weave.Harness;

/// <summary>
/// Saves and loads histories as JSON, so a history recorded by one program (yours, in any language) can be
/// checked by another. The format, <c>weave-history/1</c>:
/// <code>
/// { "format": "weave-history/1",
///   "calls": [ { "id": 0, "thread": 0, "op": …, "result": …, "invoked": 1, "returned": 2 }, … ] }
/// </code>
/// <c>op</c> and <c>result</c> are the operation and result serialised by System.Text.Json (enums as
/// names); <c>returned</c> is null (and <c>result</c> ignored) for a call still pending at the end, and
/// <c>"blocked": true</c> marks a pending call that was stuck for good (see <see cref="HistoryEntry{TOp, TResult}.IsBlocked"/>).
/// </summary>
public static class HistoryJson
{
    /// <summary>The format tag written and expected.</summary>
    public const string Format = "weave-history/1";

    // Strict: a field the types do not have, a missing required field, a null where none is allowed, an
    // unknown enum name or a number for an enum is an error naming the call and the field — never a default.
    private static readonly JsonSerializerOptions s_options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
    };

    /// <summary>The calls as JSON text.</summary>
    /// <typeparam name="TOp">The operation type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="calls">The calls (for example <see cref="History{TOp, TResult}.Entries"/>).</param>
    /// <returns>The JSON document.</returns>
    public static string Serialize<TOp, TResult>(IReadOnlyList<HistoryEntry<TOp, TResult>> calls)
    {
        ArgumentNullException.ThrowIfNull(calls);
        return JsonSerializer.Serialize(new Document<TOp, TResult>(Format, [.. calls]), s_options);
    }

    /// <summary>Writes the calls to <paramref name="path"/> (its directory is created).</summary>
    /// <inheritdoc cref="Serialize{TOp, TResult}(IReadOnlyList{HistoryEntry{TOp, TResult}})"/>
    /// <param name="calls">The calls.</param>
    /// <param name="path">The file to write.</param>
    public static void Write<TOp, TResult>(IReadOnlyList<HistoryEntry<TOp, TResult>> calls, string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, Serialize(calls));
    }

    /// <summary>Reads calls from JSON text.</summary>
    /// <typeparam name="TOp">The operation type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="json">The document.</param>
    /// <returns>The calls, ready for <see cref="Linearizability.Check{TState, TOp, TResult}(ISequentialSpec{TState, TOp, TResult}, IReadOnlyList{HistoryEntry{TOp, TResult}}, TimeSpan?)"/>.</returns>
    /// <exception cref="FormatException">The text is not JSON, not a weave-history/1 document, or a call is incomplete; the message says which.</exception>
    public static IReadOnlyList<HistoryEntry<TOp, TResult>> Deserialize<TOp, TResult>(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        Document<TOp, TResult>? document;
        try
        {
            document = JsonSerializer.Deserialize<Document<TOp, TResult>>(json, s_options);
        }
        catch (JsonException e)
        {
            throw new FormatException(Explain(e), e);
        }

        if (document is null || document.Format != Format)
        {
            throw new FormatException($"Not a history: the \"format\" field must be \"{Format}\" (found {(document?.Format is null ? "none" : $"\"{document.Format}\"")}).");
        }

        if (document.Calls is null)
        {
            throw new FormatException("The history has no \"calls\" array.");
        }

        for (int i = 0; i < document.Calls.Count; i++)
        {
            var call = document.Calls[i];
            if (call is null || call.Op is null || call.Invoked <= 0)
            {
                throw new FormatException($"Call {i} is incomplete: every call needs \"op\" and a positive \"invoked\" time.");
            }

            if (call.Returned is { } returned && returned < call.Invoked)
            {
                throw new FormatException($"Call {i} returned at {returned}, before it was invoked at {call.Invoked}.");
            }

            if (call.IsBlocked && call.Returned is { } end)
            {
                throw new FormatException($"Call {i}, field 'blocked': a blocked call never returns, but this one has \"returned\": {end}.");
            }

            if (call.Returned is null)
            {
                document.Calls[i] = call with { Result = default };
            }
        }

        return document.Calls;
    }

    /// <summary>Reads calls from a file.</summary>
    /// <inheritdoc cref="Deserialize{TOp, TResult}(string)"/>
    /// <param name="path">The file.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static IReadOnlyList<HistoryEntry<TOp, TResult>> Read<TOp, TResult>(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The history file '{path}' does not exist.", path);
        }

        return Deserialize<TOp, TResult>(File.ReadAllText(path));
    }

    // "call 3, field op.arg1: …" from System.Text.Json's "… Path: $.calls[3].op.arg1 | LineNumber: 9 | BytePositionInLine: 20."
    private static string Explain(JsonException e)
    {
        string message = e.Message;
        int cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (cut >= 0)
        {
            message = message[..cut];
        }

        string where = "";
        if (e.Path is string path && System.Text.RegularExpressions.Regex.Match(path, @"^\$\.calls\[(?<call>\d+)\]\.?(?<field>.*)$") is { Success: true } m)
        {
            where = m.Groups["field"].Value.Length > 0 ? $"call {m.Groups["call"].Value}, field '{m.Groups["field"].Value}': " : $"call {m.Groups["call"].Value}: ";
        }
        else if (e.Path is { Length: > 0 } other)
        {
            where = $"at {other}: ";
        }

        string line = e.LineNumber is long n ? $" (line {n + 1})" : "";
        return $"Not a readable history: {where}{message}{line}";
    }

    private sealed record Document<TOp, TResult>(string? Format = null, List<HistoryEntry<TOp, TResult>>? Calls = null);
}
