namespace Weave.Harness;

/// <summary>How the systematic scheduler picks the next thread at each scheduling point.</summary>
public enum SystematicStrategy
{
    /// <summary>Uniformly random choice at every scheduling point.</summary>
    Random,

    /// <summary>Keeps running the same thread, switching with a small probability (Coyote's probabilistic strategy).</summary>
    Probabilistic,

    /// <summary>Priority-based (PCT): random thread priorities with a few priority changes per run; finds bugs that need few preemptions.</summary>
    Prioritization,

    /// <summary>Prioritization with a fair suffix, so that spin loops and liveness are explored too.</summary>
    FairPrioritization,

    /// <summary>Reinforcement learning over the schedules already seen.</summary>
    QLearning,

    /// <summary>Coyote's tuned portfolio of strategies.</summary>
    Portfolio,
}
