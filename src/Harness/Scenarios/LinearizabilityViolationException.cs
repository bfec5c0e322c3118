namespace Weave.Harness;

/// <summary>
/// A scenario produced a history that is not linearizable: the message holds the scenario, the per-thread
/// table of the smallest failing part and, when written, the path of the HTML time line.
/// </summary>
public sealed class LinearizabilityViolationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="result">The failing check.</param>
    /// <param name="scenario">The scenario, as text.</param>
    public LinearizabilityViolationException(string message, LinearizabilityResult? result, string? scenario)
        : base(message)
    {
        Result = result;
        Scenario = scenario;
    }

    /// <summary>Creates the exception (for serializers and tools).</summary>
    public LinearizabilityViolationException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public LinearizabilityViolationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public LinearizabilityViolationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The failing check (cast to <see cref="LinearizabilityResult{TOp, TResult}"/> for the calls).</summary>
    public LinearizabilityResult? Result { get; }

    /// <summary>The scenario that produced it, as text.</summary>
    public string? Scenario { get; }
}
