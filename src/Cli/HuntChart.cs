using ScottPlot;

namespace Weave.Cli;

/// <summary>The hunt's chart: per seeded bug, the time of its quickest find, labelled with the technique
/// that made it (a missing bar: not found).</summary>
internal static class HuntChart
{
    /// <summary>One bug's bar: its quickest find and the technique that made it (null: not found).</summary>
    public sealed record Bar(string Name, bool Found, double? FastestMs, string? FirstColumn);

    public static void Write(string path, List<HuntRow> rows) =>
        Write(path, "weave hunt: seeded bugs found", [.. rows.Select(r => new Bar(r.Bug.Name, r.Found, r.FastestMs, r.First?.Column))]);

    public static void Write(string path, string title, IReadOnlyList<Bar> rows)
    {
        var plot = new Plot();
        for (int i = 0; i < rows.Count; i++)
        {
            double value = rows[i].FastestMs ?? 0;
            plot.Add.Bar(new ScottPlot.Bar
            {
                Position = i,
                Value = value,
                Orientation = Orientation.Horizontal,
                FillColor = rows[i].Found ? Colors.SeaGreen : Colors.Crimson,
                Label = rows[i].FirstColumn is { } first ? $"{first} ({value:0} ms)" : "not found",
            });
        }

        plot.Axes.Left.SetTicks([.. Enumerable.Range(0, rows.Count).Select(i => (double)i)], [.. rows.Select(r => r.Name)]);
        plot.Axes.Bottom.Label.Text = "time to the quickest find (ms), labelled with the technique that made it";
        plot.Title(title);
        plot.Axes.Margins(left: 0);
        plot.SavePng(path, 1000, 120 + (rows.Count * 26));
    }
}
