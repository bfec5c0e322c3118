namespace Weave.Harness;

/// <summary>
/// The sequential spec of a read/write register: a read returns the last value written (or the initial
/// value). The smallest useful spec, and the classic one for checking a checker.
/// </summary>
/// <typeparam name="T">The value type (compared with <see cref="EqualityComparer{T}.Default"/>).</typeparam>
/// <param name="initial">The value before any write.</param>
public sealed class RegisterSpec<T>(T initial) : ISequentialSpec<T, RegisterOp<T>, T?>
{
    /// <inheritdoc/>
    public T Initial => initial;

    /// <inheritdoc/>
    public (bool Legal, T Next) Step(T state, RegisterOp<T> op, T? result)
    {
        ArgumentNullException.ThrowIfNull(op);
        return op.IsWrite ? (true, op.Value!) : (EqualityComparer<T?>.Default.Equals(state, result), state);
    }

    /// <summary>No operation waits: a call of this object still blocked at the end is never legal.</summary>
    /// <inheritdoc/>
    public bool? Blocks(T state, RegisterOp<T> op) => false;

    /// <inheritdoc/>
    public IEnumerable<T?> PendingResults(T state, RegisterOp<T> op) => [op.IsWrite ? default : state];
}
