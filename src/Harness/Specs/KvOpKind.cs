namespace Weave.Harness;

/// <summary>What a <see cref="KvOp"/> does (Jepsen's <c>:f</c>; Porcupine's kv model's op).</summary>
public enum KvOpKind
{
    /// <summary>Read the key's value (null when absent). Jepsen <c>:read</c>, Porcupine <c>get</c>.</summary>
    Read,

    /// <summary>Write a value. Jepsen <c>:write</c>, Porcupine <c>put</c>.</summary>
    Write,

    /// <summary>Compare-and-set: write <see cref="KvOp.Value"/> if the value is <see cref="KvOp.Expected"/>. Jepsen <c>:cas</c>.</summary>
    Cas,

    /// <summary>Append <see cref="KvOp.Value"/> to the value (absent counts as empty). Porcupine <c>append</c>.</summary>
    Append,
}
