using System.Globalization;
using System.Net;
using System.Text;

namespace Weave.Harness.Internal;

/// <summary>Draws a checked history: a per-thread table (text) and a per-thread time line (HTML + SVG).</summary>
internal static class HistoryRendering
{
    private const int MaxTextRows = 200;
    private const int MaxDrawnCalls = 2_000;

    public static string ToText<TOp, TResult>(LinearizabilityResult<TOp, TResult> result)
    {
        var text = new StringBuilder();
        text.AppendLine(result.Summary);
        if (result.TimedOut)
        {
            text.AppendLine("Raise the budget, or check shorter histories (fewer operations per round).");
            return text.ToString();
        }

        if (result.IsLinearizable)
        {
            text.AppendLine("A legal order (witness):");
            int shown = 0;
            foreach (var call in result.Order)
            {
                if (++shown > MaxTextRows)
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"  … and {result.Order.Count - MaxTextRows} more.");
                    break;
                }

                text.AppendLine(CultureInfo.InvariantCulture, $"  {shown,4}. T{call.Thread}: {Describe(call, tookEffect: true)}");
            }

            return text.ToString();
        }

        var part = result.Counterexample ?? result.History;
        var failing = result.FailingCall;
        text.AppendLine(CultureInfo.InvariantCulture,
            $"No legal order exists for these {part.Count} calls (the shortest failing prefix of the history's {result.CallCount}); one column per thread, one row per call in invocation order.");
        if (failing is { IsBlocked: true })
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"No order explains the call marked <<: T{failing.Thread} {Describe(failing)}. Every legal order leaves the object in a state where it would have gone ahead, yet nothing was left to wake it: a lost wake-up.");
        }
        else if (failing is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"No order explains the response marked <<: T{failing.Thread} {Describe(failing)}.");
        }

        AppendTable(text, part, failing);
        return text.ToString();
    }

    public static string ToHtml<TOp, TResult>(LinearizabilityResult<TOp, TResult> result)
    {
        var highlighted = new HashSet<int>();
        foreach (var call in result.Counterexample ?? [])
        {
            highlighted.Add(call.Id);
        }

        var drawn = Drawn(result, highlighted);
        var order = new Dictionary<int, int>();
        for (int i = 0; i < result.Order.Count; i++)
        {
            order[result.Order[i].Id] = i + 1;
        }

        var ticks = new SortedSet<long>();
        foreach (var call in drawn)
        {
            ticks.Add(call.Invoked);
            if (call.Returned is { } r)
            {
                ticks.Add(r);
            }
        }

        // The x axis is event rank, not raw time: every event gets the same width, so short calls stay readable.
        var rank = new Dictionary<long, int>();
        foreach (long t in ticks)
        {
            rank[t] = rank.Count;
        }

        var threads = drawn.Select(c => c.Thread).Distinct().Order().ToList();
        const int Lane = 46, Left = 70, Top = 30;
        int step = drawn.Count <= 40 ? 84 : 28; // Small histories get room for their labels.
        int width = Left + ((rank.Count + 2) * step) + 20;
        int height = Top + (threads.Count * Lane) + 20;
        var svg = new StringBuilder();
        svg.AppendLine(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" font-family=\"monospace\" font-size=\"11\">");
        for (int lane = 0; lane < threads.Count; lane++)
        {
            int y = Top + (lane * Lane);
            svg.AppendLine(CultureInfo.InvariantCulture, $"<text x=\"4\" y=\"{y + 22}\" font-weight=\"bold\">T{threads[lane]}</text>");
            svg.AppendLine(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{y + Lane - 6}\" x2=\"{width - 10}\" y2=\"{y + Lane - 6}\" stroke=\"#ddd\"/>");
        }

        foreach (var call in drawn)
        {
            int lane = threads.IndexOf(call.Thread);
            int x1 = Left + (rank[call.Invoked] * step);
            int x2 = call.Returned is { } r ? Left + (rank[r] * step) + step - 4 : width - 14;
            int y = Top + (lane * Lane) + 4;
            bool failing = result.FailingCall is { } f && f.Id == call.Id;
            string fill = failing ? "#e74c3c" : highlighted.Contains(call.Id) ? "#f5b041" : result.IsViolation ? "#d5d8dc" : "#85c1e9";
            string dash = call.IsPending ? " stroke-dasharray=\"4 3\"" : string.Empty;
            bool linearized = order.TryGetValue(call.Id, out int n);
            string label = Describe(linearized ? result.Order[n - 1] : call, linearized) + (linearized ? $"  #{n}" : string.Empty);
            svg.AppendLine(CultureInfo.InvariantCulture,
                $"<g><title>{Escape($"T{call.Thread} [{call.Invoked}..{(call.Returned?.ToString(CultureInfo.InvariantCulture) ?? (call.IsBlocked ? "blocked" : "pending"))}] {label}")}</title>" +
                $"<rect x=\"{x1}\" y=\"{y}\" width=\"{Math.Max(6, x2 - x1)}\" height=\"30\" rx=\"4\" fill=\"{fill}\" stroke=\"#555\"{dash}/>" +
                $"<text x=\"{x1 + 4}\" y=\"{y + 19}\">{Escape(Clip(label, Math.Max(1, (x2 - x1 - 6) / 7)))}</text></g>");
        }

        svg.AppendLine("</svg>");
        string verdictColor = result.IsLinearizable ? "#1e8449" : result.TimedOut ? "#7d6608" : "#c0392b";
        return $$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Weave linearizability check</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 24px; color: #222; }
            h1 { font-size: 18px; color: {{verdictColor}}; }
            .legend span { display: inline-block; padding: 2px 8px; margin-right: 8px; border: 1px solid #555; border-radius: 4px; font-size: 12px; }
            pre { background: #f7f7f7; padding: 12px; overflow-x: auto; font-size: 12px; }
            .timeline { overflow-x: auto; border: 1px solid #ccc; padding: 8px; }
            </style></head><body>
            <h1>{{Escape(result.Summary)}}</h1>
            <p class="legend"><span style="background:#e74c3c">response no order explains</span><span style="background:#f5b041">shortest failing prefix</span><span style="background:#85c1e9">linearizable (#n = witness order)</span><span style="border-style:dashed">pending</span></p>
            <p>Each row is a thread; each box a call, from its invocation to its response (x = event order). Hover a box for its details.{{(drawn.Count < result.History.Count ? $" Showing {drawn.Count} of {result.History.Count} calls." : string.Empty)}}</p>
            <div class="timeline">
            {{svg}}</div>
            <pre>{{Escape(ToText(result))}}</pre>
            </body></html>
            """;
    }

    private static List<HistoryEntry<TOp, TResult>> Drawn<TOp, TResult>(LinearizabilityResult<TOp, TResult> result, HashSet<int> highlighted)
    {
        if (result.History.Count <= MaxDrawnCalls)
        {
            // Calls of the counterexample are drawn as it has them (cut-off calls shown pending).
            var byId = (result.Counterexample ?? []).ToDictionary(c => c.Id);
            return [.. result.History.Select(c => byId.GetValueOrDefault(c.Id, c))];
        }

        // Too many to draw: the counterexample if any, else the first calls.
        return highlighted.Count > 0 ? [.. result.Counterexample!.TakeLast(MaxDrawnCalls)] : [.. result.History.Take(MaxDrawnCalls)];
    }

    private static void AppendTable<TOp, TResult>(StringBuilder text, IReadOnlyList<HistoryEntry<TOp, TResult>> calls, HistoryEntry<TOp, TResult>? failing)
    {
        var threads = calls.Select(c => c.Thread).Distinct().Order().ToList();
        var rows = calls.Count > MaxTextRows ? calls.Skip(calls.Count - MaxTextRows).ToList() : calls.ToList();
        var cells = rows.Select(c => Describe(c) + (failing is not null && c.Id == failing.Id ? "  <<" : string.Empty)).ToList();
        var spans = rows.Select(c => $"{c.Invoked}..{(c.Returned?.ToString(CultureInfo.InvariantCulture) ?? "")}").ToList();
        int spanWidth = Math.Max("time".Length, spans.Max(s => s.Length));
        var widths = threads.Select(t => Math.Max($"T{t}".Length, rows.Select((c, i) => c.Thread == t ? cells[i].Length : 0).Max())).ToList();

        void Line(string span, Func<int, string> cell)
        {
            text.Append("| ").Append(span.PadRight(spanWidth)).Append(' ');
            for (int i = 0; i < threads.Count; i++)
            {
                text.Append("| ").Append(cell(i).PadRight(widths[i])).Append(' ');
            }

            text.AppendLine("|");
        }

        if (rows.Count < calls.Count)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"(the last {rows.Count} of {calls.Count} calls)");
        }

        Line("time", i => $"T{threads[i]}");
        Line(new string('-', spanWidth), i => new string('-', widths[i]));
        for (int r = 0; r < rows.Count; r++)
        {
            int row = r;
            Line(spans[row], i => rows[row].Thread == threads[i] ? cells[row] : string.Empty);
        }
    }

    private static string Describe<TOp, TResult>(HistoryEntry<TOp, TResult> call, bool tookEffect = false) =>
        call.IsFaulted ? $"{call.Op} -> {call.Fault} (no effect)"
        : call.IsBlocked ? $"{call.Op} -> (blocked for good)"
        : !call.IsPending ? $"{call.Op} -> {Result(call)}"
        : tookEffect ? $"{call.Op} -> {call.Result} (pending; took effect)"
        : $"{call.Op} -> (pending)";

    // A register read shows the value it saw, "nil" when absent (its result alone cannot tell a read from a write).
    private static string? Result<TOp, TResult>(HistoryEntry<TOp, TResult> call) =>
        call.Op is KvOp { Kind: KvOpKind.Read } && call.Result is KvResult read ? read.Value ?? "nil" : call.Result?.ToString();

    private static string Clip(string s, int max) => s.Length <= max ? s : max <= 1 ? "…" : s[..(max - 1)] + "…";

    private static string Escape(string s) => WebUtility.HtmlEncode(s);
}
