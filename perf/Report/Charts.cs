using ScottPlot;

namespace Weave.Perf.Report;

/// <summary>PNG charts rendered with ScottPlot: one per suite (time per operation) and the headline (ratios against targets).</summary>
internal static class Charts
{
    private static readonly Color s_weave = Color.FromHex("#2e86c1");
    private static readonly Color s_builtIn = Color.FromHex("#aab7b8");
    private static readonly Color s_missed = Color.FromHex("#e74c3c");

    public static void Suite(string path, string suite, List<Measurement> cases)
    {
        var plot = new Plot();
        var bars = new List<Bar>();
        var ticks = new List<Tick>();
        for (int i = 0; i < cases.Count; i++)
        {
            double position = cases.Count - 1 - i; // First case on top.
            bars.Add(new Bar { Position = position, Value = cases[i].MeanNs, FillColor = cases[i].IsWeave ? s_weave : s_builtIn, Orientation = Orientation.Horizontal });
            ticks.Add(new Tick(position, cases[i].Label));
        }

        plot.Add.Bars(bars);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. ticks]);
        plot.Axes.Bottom.Label.Text = "time per operation (ns), lower is better; blue = Weave, grey = .NET built-in";
        plot.Axes.Bottom.Label.FontSize = 13;
        plot.Axes.Margins(left: 0, right: 0.1);
        plot.Title(suite);
        plot.SavePng(path, 1000, 120 + (28 * cases.Count));
    }

    public static void Headline(string path, List<(string Label, double Ratio, double Target)> rows)
    {
        var plot = new Plot();
        var bars = new List<Bar>();
        var ticks = new List<Tick>();
        for (int i = 0; i < rows.Count; i++)
        {
            double position = rows.Count - 1 - i;
            bars.Add(new Bar { Position = position, Value = rows[i].Ratio, FillColor = rows[i].Ratio <= rows[i].Target ? s_weave : s_missed, Orientation = Orientation.Horizontal });
            ticks.Add(new Tick(position, rows[i].Label));
            var target = plot.Add.Marker(rows[i].Target, position, MarkerShape.VerticalBar, 18);
            target.Color = Colors.Black;
        }

        plot.Add.Bars(bars);
        var parity = plot.Add.VerticalLine(1.0);
        parity.LinePattern = LinePattern.Dashed;
        parity.Color = Colors.Gray;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. ticks]);
        plot.Axes.Bottom.Label.Text = "Weave time ÷ built-in time (lower is better; bar mark = target; dashed = parity)";
        plot.Axes.Bottom.Label.FontSize = 13;
        plot.Axes.Margins(left: 0, right: 0.1);
        plot.Title("Weave beside the .NET built-ins");
        plot.SavePng(path, 1000, 120 + (34 * rows.Count));
    }
}
