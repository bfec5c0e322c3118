namespace Weave.Harness;

/// <summary>An operation on a read/write register (<see cref="RegisterSpec{T}"/>).</summary>
/// <typeparam name="T">The register's value type.</typeparam>
/// <param name="IsWrite">True for a write of <paramref name="Value"/>, false for a read.</param>
/// <param name="Value">The value written (ignored for a read).</param>
public sealed record RegisterOp<T>(bool IsWrite, T? Value = default)
{
    /// <summary>A read; its result is the value read.</summary>
    public static RegisterOp<T> Read() => new(false);

    /// <summary>A write of <paramref name="value"/>; its result is ignored.</summary>
    /// <param name="value">The value written.</param>
    public static RegisterOp<T> Write(T value) => new(true, value);

    /// <inheritdoc/>
    public override string ToString() => IsWrite ? $"Write({Value})" : "Read";
}
