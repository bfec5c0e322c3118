using Weave.SystematicTests.SeededBugs;

namespace Weave.Cli;

/// <summary>One technique's outcome on one seeded bug: found (null: not applicable), the cell text, the time, the schedule.</summary>
internal sealed record HuntCell(bool? Found, string Text, TimeSpan? Elapsed, string? Schedule);

/// <summary>One seeded bug's row of the bug-finding table.</summary>
internal sealed record HuntRow(SeededBug Bug, List<HuntCell> Cells)
{
    public bool Found => Cells.Any(c => c.Found == true);

    /// <summary>The quickest find, in milliseconds (null: not found).</summary>
    public double? FastestMs => Cells.Where(c => c.Found == true && c.Elapsed is not null).Select(c => c.Elapsed!.Value.TotalMilliseconds).DefaultIfEmpty().Min() is double ms && Found ? ms : null;
}
