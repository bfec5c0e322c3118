using Weave.SystematicTests.SeededBugs;

namespace Weave.Cli;

/// <summary>One seeded bug's row of the bug-finding table.</summary>
internal sealed record HuntRow(SeededBug Bug, List<TechniqueResult> Cells)
{
    public bool Found => Cells.Any(c => c.Found == true);

    /// <summary>The quickest find, in milliseconds (null: not found).</summary>
    public double? FastestMs => Cells.Where(c => c.Found == true).Min(c => c.Elapsed?.TotalMilliseconds);
}
