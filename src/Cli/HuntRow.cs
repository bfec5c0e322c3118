using Weave.SystematicTests.SeededBugs;

namespace Weave.Cli;

/// <summary>One seeded bug's row of the bug-finding table: one cell per technique (<paramref name="Columns"/> names them).</summary>
internal sealed record HuntRow(SeededBug Bug, List<TechniqueResult> Cells, IReadOnlyList<string> Columns)
{
    public bool Found => Cells.Any(c => c.Found == true);

    /// <summary>The quickest find, in milliseconds (null: not found).</summary>
    public double? FastestMs => First?.Cell.Elapsed?.TotalMilliseconds;

    /// <summary>The technique that found the bug in the least time, with its cell (null: not found).</summary>
    public (string Column, TechniqueResult Cell)? First => FirstFind(Cells, Columns);

    /// <summary>Of <paramref name="cells"/> (one per column), the find that took the least time, with its column.</summary>
    public static (string Column, TechniqueResult Cell)? FirstFind(IReadOnlyList<TechniqueResult> cells, IReadOnlyList<string> columns) =>
        cells.Select((cell, i) => (Column: columns[i], Cell: cell))
            .Where(p => p.Cell.Found == true)
            .OrderBy(p => p.Cell.Elapsed ?? TimeSpan.MaxValue)
            .Select(p => ((string, TechniqueResult)?)p)
            .FirstOrDefault();
}
