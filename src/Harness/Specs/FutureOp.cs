namespace Weave.Harness;

/// <summary>An operation on a future (<see cref="FutureSpec{T}"/>).</summary>
/// <typeparam name="T">The result type.</typeparam>
/// <param name="Kind">The operation.</param>
/// <param name="Value">The value set_result sets.</param>
public sealed record FutureOp<T>(FutureOpKind Kind, T? Value = default)
{
    /// <summary>set_result(value).</summary>
    /// <param name="value">The value.</param>
    public static FutureOp<T> SetResult(T value) => new(FutureOpKind.SetResult, value);

    /// <summary>The operation <paramref name="kind"/> (without a value).</summary>
    /// <param name="kind">The operation.</param>
    public static FutureOp<T> Of(FutureOpKind kind) => new(kind);

    /// <inheritdoc/>
    public override string ToString() => Kind == FutureOpKind.SetResult ? $"SetResult({Value})" : Kind.ToString();
}
