namespace Weave.Harness;

/// <summary>
/// A schedule file cannot be replayed: it is missing, empty, truncated, not a Weave schedule, or was
/// recorded by another test. The message names the file and the problem.
/// </summary>
public sealed class ScheduleFileException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The schedule file.</param>
    /// <param name="problem">What is wrong with it, as a sentence.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public ScheduleFileException(string path, string problem, Exception? innerException = null)
        : base($"Schedule file '{path}': {problem}", innerException)
    {
        Path = path;
        Problem = problem;
    }

    /// <summary>The schedule file.</summary>
    public string Path { get; }

    /// <summary>What is wrong with it.</summary>
    public string Problem { get; }
}
