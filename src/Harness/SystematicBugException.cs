namespace Weave.Harness;

/// <summary>
/// Thrown by <see cref="Systematic.Check(Action, SystematicOptions?, string)"/> when exploration finds a
/// bug (or a replay reproduces it). The message holds the bug, the schedule file, and ends with the
/// one command that replays it.
/// </summary>
public sealed class SystematicBugException : Exception
{
    /// <summary>Creates the exception from a report.</summary>
    public SystematicBugException(SystematicReport report)
        : base((report ?? throw new ArgumentNullException(nameof(report))).ToString())
    {
        Report = report;
    }

    /// <summary>The report of the run that found the bug.</summary>
    public SystematicReport Report { get; }
}
