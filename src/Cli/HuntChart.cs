using ScottPlot;

namespace Weave.Cli;

/// <summary>The hunt's chart: per seeded bug, the time of its quickest find, labelled with the technique
/// that made it (a missing bar: not found).</summary>
internal static class HuntChart
{
    public static void Write(string path, List<HuntRow> rows)
    {
        var plot = new Plot();
        for (int i = 0; i < rows.Count; i++)
        {
            double value = rows[i].FastestMs ?? 0;
            plot.Add.Bar(new Bar
            {
                Position = i,
                Value = value,
                Orientation = Orientation.Horizontal,
                FillColor = rows[i].Found ? Colors.SeaGreen : Colors.Crimson,
                Label = rows[i].First is { } first ? $"{first.Column} ({value:0} ms)" : "not found",
            });
        }

        plot.Axes.Left.SetTicks([.. Enumerable.Range(0, rows.Count).Select(i => (double)i)], [.. rows.Select(r => r.Bug.Name)]);
        plot.Axes.Bottom.Label.Text = "time to the quickest find (ms), labelled with the technique that made it";
        plot.Title("weave hunt: seeded bugs found");
        plot.Axes.Margins(left: 0);
        plot.SavePng(path, 1000, 120 + (rows.Count * 26));
    }
}
