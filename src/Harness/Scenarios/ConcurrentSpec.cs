using FsCheck;

namespace Weave.Harness;

/// <summary>
/// Describes a concurrent object once — how to create it, its sequential spec, how to generate operations
/// and how to apply one — so that every back end can test it: a sequential model property
/// (<see cref="Scenarios.SequentialProperty{TSystem, TState, TOp, TResult}"/>), generated scenarios on real threads
/// (<see cref="Stress.Run{TSystem, TState, TOp, TResult}(ConcurrentSpec{TSystem, TState, TOp, TResult}, StressOptions?)"/>)
/// and the same scenarios under Coyote (<see cref="Systematic.ExploreScenario{TSystem, TState, TOp, TResult}"/>),
/// each history checked for linearizability.
/// </summary>
/// <remarks>
/// Either pass the four parts to the constructor, or derive and override the members. Operations should
/// not block for ever: use the timed forms (a timed get, a timed acquire) so a round always ends; a round
/// whose threads do not finish in time is abandoned (<see cref="Abandon"/>) and its unfinished calls count
/// as pending.
/// </remarks>
/// <typeparam name="TSystem">The object under test.</typeparam>
/// <typeparam name="TState">The sequential spec's state.</typeparam>
/// <typeparam name="TOp">The operation type.</typeparam>
/// <typeparam name="TResult">The result type.</typeparam>
public class ConcurrentSpec<TSystem, TState, TOp, TResult>
{
    private readonly Func<TSystem>? _create;
    private readonly ISequentialSpec<TState, TOp, TResult>? _sequential;
    private readonly Gen<TOp>? _ops;
    private readonly Func<TSystem, TOp, TResult>? _apply;
    private readonly Func<TSystem, TOp, CancellationToken, TResult>? _applyWithToken;
    private readonly Action<TSystem>? _abandon;
    private readonly Gen<TOp>? _initOps;
    private readonly Gen<TOp>? _postOps;
    private readonly Func<TOp, bool>? _quiescentOnly;
    private readonly Action<TSystem>? _quiesce;

    /// <summary>Creates a spec from its parts.</summary>
    /// <param name="create">Creates a fresh object (one per round).</param>
    /// <param name="sequential">The sequential spec the histories are checked against.</param>
    /// <param name="ops">Generates operations.</param>
    /// <param name="apply">Runs an operation on the object and returns its result (expected exceptions encoded in the result).</param>
    /// <param name="abandon">Optional: releases threads still blocked when a round is abandoned (for example, shut a queue down).</param>
    /// <exception cref="ArgumentNullException">A required part is null.</exception>
    public ConcurrentSpec(
        Func<TSystem> create,
        ISequentialSpec<TState, TOp, TResult> sequential,
        Gen<TOp> ops,
        Func<TSystem, TOp, TResult> apply,
        Action<TSystem>? abandon = null)
    {
        _create = create ?? throw new ArgumentNullException(nameof(create));
        _sequential = sequential ?? throw new ArgumentNullException(nameof(sequential));
        _ops = ops ?? throw new ArgumentNullException(nameof(ops));
        _apply = apply ?? throw new ArgumentNullException(nameof(apply));
        _abandon = abandon;
    }

    /// <summary>Creates a spec whose operations take a cancellation token (so ExploreCancellation and stress's
    /// injected cancellations reach them): each call gets its own token.</summary>
    /// <param name="create">Creates a fresh object (one per round).</param>
    /// <param name="sequential">The sequential spec the histories are checked against.</param>
    /// <param name="ops">Generates operations.</param>
    /// <param name="apply">Runs an operation with a token on the object and returns its result. An
    /// <see cref="OperationCanceledException"/> for that token, or a <see cref="ThreadInterruptedException"/>,
    /// is recorded as a call that had no effect, which the checker verifies.</param>
    /// <param name="abandon">Optional: releases threads still blocked when a round is abandoned.</param>
    /// <exception cref="ArgumentNullException">A required part is null.</exception>
    public ConcurrentSpec(
        Func<TSystem> create,
        ISequentialSpec<TState, TOp, TResult> sequential,
        Gen<TOp> ops,
        Func<TSystem, TOp, CancellationToken, TResult> apply,
        Action<TSystem>? abandon = null)
    {
        _create = create ?? throw new ArgumentNullException(nameof(create));
        _sequential = sequential ?? throw new ArgumentNullException(nameof(sequential));
        _ops = ops ?? throw new ArgumentNullException(nameof(ops));
        _applyWithToken = apply ?? throw new ArgumentNullException(nameof(apply));
        _abandon = abandon;
    }

    /// <summary>For subclasses that override <see cref="Create"/>, <see cref="Sequential"/>, <see cref="Ops"/> and <see cref="Apply(TSystem, TOp)"/> (or its token-taking overload).</summary>
    protected ConcurrentSpec()
    {
    }

    /// <summary>The sequential spec the histories are checked against.</summary>
    /// <exception cref="InvalidOperationException">Neither given to the constructor nor overridden.</exception>
    public virtual ISequentialSpec<TState, TOp, TResult> Sequential => _sequential ?? throw Missing(nameof(Sequential));

    /// <summary>Generates operations.</summary>
    /// <exception cref="InvalidOperationException">Neither given to the constructor nor overridden.</exception>
    public virtual Gen<TOp> Ops => _ops ?? throw Missing(nameof(Ops));

    /// <summary>Generates the operations of thread <paramref name="thread"/> (default: <see cref="Ops"/>); override when an operation names its thread (a reentrant lock's owner).</summary>
    /// <param name="thread">The scenario thread, 0-based.</param>
    /// <returns>The generator.</returns>
    public virtual Gen<TOp> OpsFor(int thread) => Ops;

    /// <summary>Creates a fresh object.</summary>
    /// <returns>The object.</returns>
    /// <exception cref="InvalidOperationException">Neither given to the constructor nor overridden.</exception>
    public virtual TSystem Create() => (_create ?? throw Missing(nameof(Create)))();

    /// <summary>Runs <paramref name="op"/> on <paramref name="system"/> and returns its result.</summary>
    /// <param name="system">The object.</param>
    /// <param name="op">The operation.</param>
    /// <returns>The result, expected exceptions (Full, Empty, SynchronizationLockException…) encoded in it.</returns>
    /// <exception cref="InvalidOperationException">Neither given to the constructor nor overridden.</exception>
    public virtual TResult Apply(TSystem system, TOp op) =>
        _apply is not null ? _apply(system, op)
        : _applyWithToken is not null ? _applyWithToken(system, op, CancellationToken.None)
        : throw Missing(nameof(Apply));

    /// <summary>
    /// Runs <paramref name="op"/> with a cancellation token (default: ignores the token and calls
    /// <see cref="Apply(TSystem, TOp)"/>). Override it, or pass a three-argument delegate to the constructor,
    /// so injected cancellations reach your operations; an <see cref="OperationCanceledException"/> for this
    /// token, or a <see cref="ThreadInterruptedException"/>, is recorded as a call with no effect.
    /// </summary>
    /// <param name="system">The object.</param>
    /// <param name="op">The operation.</param>
    /// <param name="cancellationToken">This call's own token: the scenario back ends may cancel it.</param>
    /// <returns>The result, expected exceptions encoded in it.</returns>
    public virtual TResult Apply(TSystem system, TOp op, CancellationToken cancellationToken) =>
        _applyWithToken is not null ? _applyWithToken(system, op, cancellationToken) : Apply(system, op);

    /// <summary>
    /// Generates the operations of a scenario's init part, run one after another before the threads start
    /// (default: <see cref="Ops"/>). Set it (or override) to set the object up with other operations than the
    /// threads use; the parts are generated only when asked for (<see cref="StressOptions.InitOps"/>,
    /// <see cref="Scenarios.Gen{TSystem, TState, TOp, TResult}(ConcurrentSpec{TSystem, TState, TOp, TResult}, int, int, int, int)"/>).
    /// </summary>
    public virtual Gen<TOp> InitOps { get => _initOps ?? Ops; init => _initOps = value; }

    /// <summary>
    /// Generates the operations of a scenario's post part, run one after another once every thread has joined and
    /// <see cref="Quiesce"/> has returned (default: <see cref="Ops"/>): observations of the final state, such as a
    /// size that is only eventually consistent.
    /// </summary>
    public virtual Gen<TOp> PostOps { get => _postOps ?? Ops; init => _postOps = value; }

    /// <summary>
    /// Marks operations whose result is only meaningful at quiescence (an eventually consistent size or count):
    /// they are never generated into the concurrent threads, only into the init and post parts. Default: none.
    /// </summary>
    public Func<TOp, bool>? QuiescentOnly { get => _quiescentOnly; init => _quiescentOnly = value; }

    /// <summary>
    /// Runs after every thread of a round has joined and before its post part: let the object finish its
    /// background work (bookkeeping it hands to the thread pool, a maintenance call). Default: the delegate set
    /// with <see cref="OnQuiesce"/>, or nothing. Under Coyote the runner also lets every other controlled
    /// operation run first.
    /// </summary>
    /// <param name="system">The object.</param>
    public virtual void Quiesce(TSystem system) => _quiesce?.Invoke(system);

    /// <summary>What <see cref="Quiesce"/> does when not overridden.</summary>
    public Action<TSystem>? OnQuiesce { get => _quiesce; init => _quiesce = value; }

    /// <summary>True when <paramref name="op"/> may run only at quiescence (<see cref="QuiescentOnly"/>); override
    /// for a rule of your own.</summary>
    /// <param name="op">The operation.</param>
    /// <returns>Whether the op belongs only in the init and post parts.</returns>
    public virtual bool IsQuiescentOnly(TOp op) => _quiescentOnly?.Invoke(op) ?? false;

    /// <summary>Called when a round's threads did not all finish in time: release them if you can (default: the delegate given, or nothing).</summary>
    /// <param name="system">The object.</param>
    public virtual void Abandon(TSystem system) => _abandon?.Invoke(system);

    /// <summary>The subclass's name, or "ConcurrentSpec of" the system's type.</summary>
    /// <returns>A name for reports and file names.</returns>
    public override string ToString() => DefinedIn == GetType() ? GetType().Name : $"ConcurrentSpec of {typeof(TSystem).Name}";

    /// <summary>The user type that defines the spec: the subclass, or the class whose lambda applies operations.</summary>
    internal Type DefinedIn => GetType().IsGenericType && GetType().GetGenericTypeDefinition() == typeof(ConcurrentSpec<,,,>)
        ? (_apply ?? (Delegate?)_applyWithToken)?.Method.DeclaringType ?? GetType()
        : GetType();

    private InvalidOperationException Missing(string member) =>
        new($"{GetType().Name} has no {member}: pass it to the constructor or override {member}.");
}
