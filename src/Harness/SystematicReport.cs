using System.Text;

namespace Weave.Harness;

/// <summary>The outcome of a systematic run (<see cref="Systematic.Explore(Action, SystematicOptions?, string)"/>) or of a replay.</summary>
public sealed record SystematicReport
{
    /// <summary>The test's fully qualified name (Namespace.Class.Method).</summary>
    public required string TestName { get; init; }

    /// <summary>True when a bug was found (or, for a replay, reproduced).</summary>
    public bool BugFound { get; init; }

    /// <summary>The bug: the assertion or exception text, or the deadlock or livelock Coyote detected.</summary>
    public string? Bug { get; init; }

    /// <summary>How many iterations (interleavings) ran.</summary>
    public int Iterations { get; init; }

    /// <summary>The 1-based iteration that found the bug, or null.</summary>
    public int? IterationOfFirstBug { get; init; }

    /// <summary>Wall-clock time of the run.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>The schedule file written for the bug (or replayed), or null.</summary>
    public string? ScheduleFile { get; init; }

    /// <summary>The one command that replays the bug, or null.</summary>
    public string? ReplayCommand { get; init; }

    /// <summary>Calls Coyote could not control (each makes the exploration less complete).</summary>
    public IReadOnlyCollection<string> UncontrolledInvocations { get; init; } = [];

    /// <summary>The strategy used.</summary>
    public SystematicStrategy Strategy { get; init; }

    /// <summary>The scheduler's seed.</summary>
    public uint Seed { get; init; }

    /// <summary>True for a replay of a saved schedule.</summary>
    public bool IsReplay { get; init; }

    /// <summary>
    /// For a replay: the interleaving, one scheduling step per line (operation, thread, what, source
    /// line). For an exploration that found a bug: each thread's last step (where each is blocked).
    /// </summary>
    public string? Interleaving { get; init; }

    /// <summary>For a sharded run (<c>WEAVE_SHARD=i/n</c>), "i/n"; else null.</summary>
    public string? Shard { get; init; }

    /// <summary>For a sharded run, the seed every shard derived its own from (<see cref="Seed"/> is this shard's); else null.</summary>
    public uint? BaseSeed { get; init; }

    /// <summary>
    /// Iterations that ended in a potential hang inside code Coyote does not control (see
    /// <see cref="SystematicOptions.FailOnPotentialHang"/>): not verdicts either way. Zero when every iteration ran to a verdict.
    /// </summary>
    public int InconclusiveIterations { get; init; }

    /// <summary>How many Coyote engines explored at once (<see cref="SystematicOptions.Parallelism"/>); 1 for a replay.</summary>
    public int Engines { get; init; } = 1;

    /// <summary>
    /// The most controlled operations one iteration had: the test's own thread, every thread and task it started, and
    /// the helpers the scheduler adds (a racing timeout, interrupt or cancellation; a delayed pulse of a controlled
    /// <c>Monitor.Pulse</c>). Each is an OS thread under Coyote, so this is what an iteration costs; Weave's own waits
    /// add none. Zero for a replay.
    /// </summary>
    public int MaxControlledOperations { get; init; }

    /// <summary>The most scheduling steps one iteration took (each a point where the scheduler chose who runs). Zero for a replay.</summary>
    public int MaxSteps { get; init; }

    /// <summary>Advice on reading this bug (for example, how an escaped interrupt shows under Coyote), or null.</summary>
    public string? Hint { get; init; }

    private string InconclusiveText()
    {
        var text = new StringBuilder();
        text.Append($"Inconclusive: {InconclusiveIterations} iteration(s) stopped with no scheduling step for a second (Coyote's ")
            .Append("\"potential deadlock or hang\"). A controlled thread was running code the scheduler does not control — ")
            .Append("a spin or a wait inside the core library or an assembly that was not rewritten, for a thread the scheduler holds ")
            .Append("paused — ")
            .Append("so these iterations are not verdicts, and they are not reported as a bug of your code")
            .Append(InconclusiveIterations >= 3 ? "; the run started no iteration after the third." : ".");
        if (UncontrolledInvocations.Count > 0)
        {
            text.Append(" Uncontrolled calls seen: ").Append(string.Join(", ", UncontrolledInvocations)).Append('.');
        }

        text.Append(" To explore them: rewrite the package that blocks (<WeaveRewritePackage Include=\"Its.Package.Id\" />), ")
            .Append("use a Weave primitive or a Monitor-based wait there, or check the same code on real threads with Stress; ")
            .Append("FailOnPotentialHang = true reports such an iteration as a bug.");
        return text.ToString();
    }

    private string ShardText => (Shard is null ? "" : $", shard {Shard} of base seed {BaseSeed}") + (Engines > 1 ? $", {Engines} engines" : "");

    /// <summary>A readable summary: the bug, where it was found, the schedule and the replay command.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        if (IsReplay)
        {
            text.Append(BugFound
                ? $"Replaying the schedule of '{TestName}' reproduced the bug:"
                : $"The schedule of '{TestName}' no longer reproduces a bug ({Elapsed.TotalSeconds:0.00} s).");
        }
        else if (BugFound)
        {
            text.Append($"Systematic test '{TestName}' found a bug in iteration {IterationOfFirstBug} ")
                .Append($"(strategy {Strategy}, seed {Seed}{ShardText}, {Elapsed.TotalSeconds:0.00} s):");
        }
        else
        {
            text.Append($"Systematic test '{TestName}' explored {Iterations} interleavings")
                .Append(InconclusiveIterations > 0 ? $", {InconclusiveIterations} of them inconclusive, without finding a bug " : " without a bug ")
                .Append($"(strategy {Strategy}, seed {Seed}{ShardText}, {Elapsed.TotalSeconds:0.00} s).");
        }

        if (BugFound)
        {
            text.AppendLine().Append("  ").Append(Bug?.Trim().Replace("\n", "\n  ", StringComparison.Ordinal));
        }

        if (Hint is not null)
        {
            text.AppendLine().Append("Note: ").Append(Hint);
        }

        if (UncontrolledInvocations.Count > 0)
        {
            text.AppendLine().Append("Uncontrolled calls (not explored): ").Append(string.Join(", ", UncontrolledInvocations));
        }

        if (Interleaving is not null && BugFound)
        {
            text.AppendLine().AppendLine(IsReplay
                    ? "Interleaving (step, operation, thread, what, where):"
                    : "Where each thread stopped (step, operation, thread, what, where):")
                .Append(Interleaving.TrimEnd());
        }

        if (InconclusiveIterations > 0)
        {
            text.AppendLine().Append(InconclusiveText());
        }

        if (ScheduleFile is not null)
        {
            text.AppendLine().Append("Schedule: ").Append(ScheduleFile);
        }

        if (ReplayCommand is not null && BugFound)
        {
            text.AppendLine().Append("Replay:   ").Append(ReplayCommand);
        }

        return text.ToString();
    }
}
