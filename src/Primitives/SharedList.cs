using System.Diagnostics;
using System.Text.Json.Serialization;

namespace Weave.Primitives;

/// <summary>
/// A list hosted by a <see cref="Manager"/> and shared by every process it is passed to: Python's
/// <c>Manager().list()</c>. Each call is one round trip to the hosting process, atomic there; items cross as JSON.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
[JsonConverter(typeof(SharedObjectJsonConverterFactory))]
[DebuggerDisplay("Manager list")]
public sealed class SharedList<T> : ISharedObject
{
    internal const byte OpAdd = 1, OpGet = 2, OpSet = 3, OpCount = 4, OpItems = 5, OpRemoveAt = 6, OpInsert = 7, OpClear = 8;

    private readonly SharedProxy _proxy;

    internal SharedList(SharedProxy proxy) => _proxy = proxy;

    SharedProxy ISharedObject.Proxy => _proxy;

    /// <summary>How many items. Python: <c>len(l)</c>.</summary>
    /// <exception cref="ObjectDisposedException">The manager was shut down.</exception>
    /// <exception cref="IOException">The process hosting the manager is gone.</exception>
    public int Count => _proxy.Call<int>(OpCount);

    /// <summary>Gets or sets the item at <paramref name="index"/>. Python: <c>l[i]</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the list.</exception>
    public T this[int index]
    {
        get => _proxy.Call<T>(OpGet, new SharedRequest(Index: index));
        set => _proxy.Call(OpSet, new SharedRequest(Value: SharedProxy.ToElement(value), Index: index));
    }

    /// <summary>Appends <paramref name="item"/>. Python: <c>l.append(item)</c>.</summary>
    public void Add(T item) => _proxy.Call(OpAdd, new SharedRequest(Value: SharedProxy.ToElement(item)));

    /// <summary>Inserts <paramref name="item"/> at <paramref name="index"/>. Python: <c>l.insert(i, item)</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside 0..Count.</exception>
    public void Insert(int index, T item) => _proxy.Call(OpInsert, new SharedRequest(Value: SharedProxy.ToElement(item), Index: index));

    /// <summary>Removes the item at <paramref name="index"/>. Python: <c>del l[i]</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the list.</exception>
    public void RemoveAt(int index) => _proxy.Call(OpRemoveAt, new SharedRequest(Index: index));

    /// <summary>Removes every item. Python: <c>l.clear()</c>.</summary>
    public void Clear() => _proxy.Call(OpClear);

    /// <summary>A copy of the items, taken atomically. Python: <c>list(l)</c>.</summary>
    public List<T> ToList() => [.. _proxy.Call(OpItems).EnumerateArray().Select(SharedProxy.FromElement<T>)];

    /// <inheritdoc/>
    public override string ToString() => "<Manager list>";
}
