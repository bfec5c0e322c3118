using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Weave.Harness;

/// <summary>
/// Reads a Jepsen history of register operations — <c>:read</c>, <c>:write</c>, <c>:cas</c> — as calls for
/// <see cref="KeyValueSpec"/>: either Jepsen's logger lines (<c>INFO  jepsen.util - 3	:invoke	:cas	[3 0]</c>) or
/// its EDN history (<c>{:type :invoke, :f :cas, :value [3 0], :process 3, …}</c>, one map per line or in a vector).
/// </summary>
/// <remarks>
/// <para>Each process's <c>:invoke</c> pairs with its next completion: <c>:ok</c> returns (a read's value from the
/// completion), <c>:fail</c> means the operation did not happen (a failed cas completed, finding another value;
/// a failed read or write is left out), <c>:info</c> means unknown — the call stays pending: it may or may not
/// have taken effect. An invocation never completed is pending too. <c>nil</c> is the absent value. Lines of
/// other processes (a nemesis) are skipped.</para>
/// <para>Strict: an unknown <c>:type</c> or <c>:f</c>, a malformed value, a completion with no invocation, or a
/// second invocation while one is open is a <see cref="FormatException"/> naming the line and the field.
/// Python has no counterpart; this is Knossos's and Porcupine's input.</para>
/// </remarks>
public static partial class JepsenHistory
{
    /// <summary>Reads a history file (logger lines or EDN).</summary>
    /// <param name="path">The file.</param>
    /// <returns>The calls, ready for <see cref="Linearizability"/> with a <see cref="KeyValueSpec"/>.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="FormatException">The history is malformed; the message names the line and the field.</exception>
    public static IReadOnlyList<HistoryEntry<KvOp, KvResult>> Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The history file '{path}' does not exist.", path);
        }

        return Parse(File.ReadAllText(path));
    }

    /// <summary>Parses a history (logger lines or EDN).</summary>
    /// <param name="text">The history's text.</param>
    /// <returns>The calls.</returns>
    /// <exception cref="FormatException">The history is malformed; the message names the line and the field.</exception>
    public static IReadOnlyList<HistoryEntry<KvOp, KvResult>> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new Builder();
        string[] lines = text.Split('\n');
        bool any = false;
        for (int n = 0; n < lines.Length; n++)
        {
            string line = lines[n].Trim().TrimStart('[').TrimEnd(']').Trim();
            if (line.Length == 0 || line.StartsWith(';'))
            {
                continue;
            }

            if (LoggerLine().Match(line) is { Success: true } logged)
            {
                any = true;
                builder.Add(n + 1, logged.Groups["process"].Value, logged.Groups["type"].Value, logged.Groups["f"].Value, logged.Groups["value"].Value.Trim());
            }
            else if (line.StartsWith('{'))
            {
                any = true;
                foreach (var map in EdnMaps(line, n + 1))
                {
                    builder.Add(n + 1, Field(map, ":process", n + 1), Field(map, ":type", n + 1), Field(map, ":f", n + 1), map.GetValueOrDefault(":value", "nil"));
                }
            }
            else
            {
                throw new FormatException($"Line {n + 1}: neither a Jepsen logger line ('<process>\\t:invoke\\t:read\\tnil') nor an EDN map ('{{:type :invoke, :f :read, …}}'): {Clip(line)}");
            }
        }

        if (!any)
        {
            throw new FormatException("The history holds no operation.");
        }

        return builder.Finish();
    }

    [GeneratedRegex(@"jepsen\.util\s+-\s+(?<process>\S+)\s+(?<type>:\S+)\s+(?<f>:\S+)\s*(?<value>.*)$")]
    private static partial Regex LoggerLine();

    private static string Field(Dictionary<string, string> map, string key, int line) =>
        map.TryGetValue(key, out string? value) ? value : throw new FormatException($"Line {line}: the map has no {key} field.");

    private static string Clip(string s) => s.Length <= 80 ? s : s[..77] + "…";

    // A small EDN reader for what Jepsen's histories hold: maps of keywords to keywords, nil, numbers,
    // strings and vectors of those. Values are returned as their EDN text (vectors with single spaces).
    private static List<Dictionary<string, string>> EdnMaps(string line, int lineNumber)
    {
        var maps = new List<Dictionary<string, string>>();
        int i = 0;
        while (i < line.Length)
        {
            SkipSpace(line, ref i);
            if (i >= line.Length)
            {
                break;
            }

            if (line[i] != '{')
            {
                throw new FormatException($"Line {lineNumber}: expected '{{' at column {i + 1}: {Clip(line)}");
            }

            i++;
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            while (true)
            {
                SkipSpace(line, ref i);
                if (i >= line.Length)
                {
                    throw new FormatException($"Line {lineNumber}: the map is not closed: {Clip(line)}");
                }

                if (line[i] == '}')
                {
                    i++;
                    break;
                }

                string key = Token(line, ref i, lineNumber);
                SkipSpace(line, ref i);
                map[key] = Token(line, ref i, lineNumber);
            }

            maps.Add(map);
        }

        return maps;
    }

    private static void SkipSpace(string s, ref int i)
    {
        while (i < s.Length && (char.IsWhiteSpace(s[i]) || s[i] == ','))
        {
            i++;
        }
    }

    private static string Token(string s, ref int i, int lineNumber)
    {
        if (i >= s.Length)
        {
            throw new FormatException($"Line {lineNumber}: a value is missing at the end: {Clip(s)}");
        }

        if (s[i] == '[')
        {
            var items = new List<string>();
            i++;
            while (true)
            {
                SkipSpace(s, ref i);
                if (i >= s.Length)
                {
                    throw new FormatException($"Line {lineNumber}: a vector is not closed: {Clip(s)}");
                }

                if (s[i] == ']')
                {
                    i++;
                    return $"[{string.Join(' ', items)}]";
                }

                items.Add(Token(s, ref i, lineNumber));
            }
        }

        if (s[i] == '"')
        {
            var text = new StringBuilder("\"");
            for (i++; i < s.Length && s[i] != '"'; i++)
            {
                text.Append(s[i] == '\\' && i + 1 < s.Length ? s[++i] : s[i]);
            }

            i++;
            return text.Append('"').ToString();
        }

        int start = i;
        while (i < s.Length && !char.IsWhiteSpace(s[i]) && s[i] is not (',' or '}' or ']' or '{' or '['))
        {
            i++;
        }

        return start == i ? throw new FormatException($"Line {lineNumber}: unexpected '{s[i]}' at column {i + 1}: {Clip(s)}") : s[start..i];
    }

    /// <summary>Pairs invocations with completions, per process.</summary>
    private sealed class Builder
    {
        private readonly Dictionary<int, (int Id, KvOp Op, long Invoked, int Line)> _open = [];
        private readonly List<HistoryEntry<KvOp, KvResult>?> _calls = [];
        private long _clock;

        public void Add(int line, string process, string type, string f, string value)
        {
            if (!int.TryParse(process, NumberStyles.Integer, CultureInfo.InvariantCulture, out int thread) || thread < 0)
            {
                return; // :nemesis and other non-client processes.
            }

            long time = ++_clock;
            switch (type)
            {
                case ":invoke":
                    if (_open.TryGetValue(thread, out var pending))
                    {
                        throw new FormatException($"Line {line}: process {process} invokes again while its call of line {pending.Line} is still open.");
                    }

                    var op = Operation(line, f, value);
                    _open[thread] = (_calls.Count, op, time, line);
                    _calls.Add(null);
                    break;
                case ":ok" or ":fail" or ":info":
                    if (!_open.Remove(thread, out var call))
                    {
                        throw new FormatException($"Line {line}: process {process} completes ({type}) a call it never invoked.");
                    }

                    if (f != Keyword(call.Op.Kind))
                    {
                        throw new FormatException($"Line {line}: the :f of process {process}'s completion ({f}) is not that of its invocation on line {call.Line} ({Keyword(call.Op.Kind)}).");
                    }

                    _calls[call.Id] = type switch
                    {
                        ":ok" => Entry(thread, call, call.Op.Kind == KvOpKind.Read ? KvResult.Of(Value(line, value, ":value")) : KvResult.Done, time),
                        ":fail" when call.Op.Kind == KvOpKind.Cas => Entry(thread, call, KvResult.Failed, time),
                        ":fail" => null, // Did not happen: left out.
                        _ => Entry(thread, call, null, null), // Unknown outcome: pending.
                    };
                    break;
                default:
                    throw new FormatException($"Line {line}: unknown :type '{type}' (expected :invoke, :ok, :fail or :info).");
            }
        }

        public IReadOnlyList<HistoryEntry<KvOp, KvResult>> Finish()
        {
            foreach (var (thread, call) in _open)
            {
                _calls[call.Id] = Entry(thread, call, null, null); // Never completed: pending.
            }

            var kept = _calls.Where(c => c is not null).Select(c => c!).ToList();
            return [.. kept.Select((c, i) => c with { Id = i })];
        }

        private static HistoryEntry<KvOp, KvResult> Entry(int thread, (int Id, KvOp Op, long Invoked, int Line) call, KvResult? result, long? returned) =>
            new(call.Id, thread, call.Op, result, call.Invoked, returned);

        private static string Keyword(KvOpKind kind) => kind switch
        {
            KvOpKind.Read => ":read",
            KvOpKind.Write => ":write",
            _ => ":cas",
        };

        private static KvOp Operation(int line, string f, string value) => f switch
        {
            ":read" => KvOp.Read(),
            ":write" => KvOp.Write(Value(line, value, ":value")),
            ":cas" => Cas(line, value),
            _ => throw new FormatException($"Line {line}: unknown :f '{f}' (this reader knows :read, :write and :cas)."),
        };

        private static KvOp Cas(int line, string value)
        {
            string[] parts = value.TrimStart('[').TrimEnd(']').Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return value.StartsWith('[') && parts.Length == 2
                ? KvOp.Cas(Value(line, parts[0], ":value"), Value(line, parts[1], ":value"))
                : throw new FormatException($"Line {line}: a :cas :value must be [expected new], not '{value}'.");
        }

        private static string? Value(int line, string value, string field) =>
            value == "nil" ? null
            : value.Length > 0 && (long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) || value.StartsWith('"'))
                ? value.Trim('"')
                : throw new FormatException($"Line {line}: {field} '{value}' is neither nil, a number nor a string.");
    }
}
