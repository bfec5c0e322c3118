namespace Weave.Perf.Report;

/// <summary>A ratio over several launches: the median (what a target is judged on), the lowest and the highest.</summary>
internal sealed record Spread(double Median, double Min, double Max, int Launches)
{
    /// <summary>
    /// Weave ÷ built-in per launch, paired by launch (launch i of both ran in the same report run); with different
    /// launch counts, every Weave launch against the built-in's median.
    /// </summary>
    public static Spread Of(Measurement weave, Measurement builtIn)
    {
        double[] w = weave.Launches;
        double[] b = builtIn.Launches;
        double[] ratios = w.Length == b.Length
            ? [.. w.Select((ns, i) => ns / b[i])]
            : [.. w.Select(ns => ns / MedianOf(b))];
        return new Spread(MedianOf(ratios), ratios.Min(), ratios.Max(), ratios.Length);
    }

    public static double MedianOf(IReadOnlyCollection<double> values)
    {
        double[] sorted = [.. values.Order()];
        int n = sorted.Length;
        return n == 0 ? double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;
    }

    /// <summary>Worse beyond the spread: this run's whole range lies above <paramref name="previous"/>'s.</summary>
    public bool RegressedFrom(Spread previous) => Min > previous.Max;
}
