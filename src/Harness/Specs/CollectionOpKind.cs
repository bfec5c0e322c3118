namespace Weave.Harness;

/// <summary>What a <see cref="CollectionOp"/> does on a set (<see cref="SetSpec"/>) or a stack (<see cref="StackSpec"/>).</summary>
public enum CollectionOpKind
{
    /// <summary>Set: add the value. Always succeeds (result <c>ok</c>).</summary>
    Add,

    /// <summary>Set: remove the value. Always succeeds (result <c>ok</c>).</summary>
    Remove,

    /// <summary>Set: whether the value is present (result <c>ok</c> = present).</summary>
    Contains,

    /// <summary>Set: every element (result <c>values</c>, in any order). Jepsen's final read.</summary>
    Read,

    /// <summary>Stack: push the value. Always succeeds.</summary>
    Push,

    /// <summary>Stack: pop the top (result <c>value</c>), or find it empty (<c>ok</c> false).</summary>
    Pop,

    /// <summary>Stack or set: how many elements (result <c>count</c>).</summary>
    Size,
}
