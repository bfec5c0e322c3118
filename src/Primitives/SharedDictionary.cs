using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace Weave.Primitives;

/// <summary>
/// A dictionary hosted by a <see cref="Manager"/> and shared by every process it is passed to: Python's
/// <c>Manager().dict()</c>. Each call is one round trip to the hosting process, atomic there; keys and values
/// cross as JSON (keys compare by their JSON text).
/// </summary>
/// <remarks>A read-modify-write from several processes (<c>d[k] = d[k] + 1</c>) is two calls and loses updates,
/// as in Python: hold a <see cref="SharedLock"/> around it.</remarks>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
[JsonConverter(typeof(SharedObjectJsonConverterFactory))]
[DebuggerDisplay("Manager dict")]
public sealed class SharedDictionary<TKey, TValue> : ISharedObject
    where TKey : notnull
{
    internal const byte OpGet = 1, OpSet = 2, OpRemove = 3, OpCount = 4, OpItems = 5, OpClear = 6;

    private readonly SharedProxy _proxy;

    internal SharedDictionary(SharedProxy proxy) => _proxy = proxy;

    SharedProxy ISharedObject.Proxy => _proxy;

    /// <summary>How many entries. Python: <c>len(d)</c>.</summary>
    /// <exception cref="ObjectDisposedException">The manager was shut down.</exception>
    /// <exception cref="IOException">The process hosting the manager is gone.</exception>
    public int Count => _proxy.Call<int>(OpCount);

    /// <summary>Gets or sets the value of <paramref name="key"/>. Python: <c>d[key]</c>.</summary>
    /// <exception cref="KeyNotFoundException">Getting a key that is not there.</exception>
    /// <exception cref="ObjectDisposedException">The manager was shut down.</exception>
    /// <exception cref="IOException">The process hosting the manager is gone.</exception>
    public TValue this[TKey key]
    {
        get => TryGetValue(key, out TValue? value) ? value : throw new KeyNotFoundException($"The key '{key}' is not in the manager's dict.");
        set => _proxy.Call(OpSet, new SharedRequest(SharedProxy.ToElement(key), SharedProxy.ToElement(value)));
    }

    /// <summary>Gets the value of <paramref name="key"/> if it is there. Python: <c>d.get(key)</c>.</summary>
    /// <returns>True if the key was there.</returns>
    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        var found = _proxy.Call(OpGet, new SharedRequest(SharedProxy.ToElement(key)));
        if (found.GetArrayLength() == 0)
        {
            value = default;
            return false;
        }

        value = SharedProxy.FromElement<TValue>(found[0]);
        return true;
    }

    /// <summary>Whether <paramref name="key"/> is there. Python: <c>key in d</c>.</summary>
    public bool ContainsKey(TKey key) => TryGetValue(key, out _);

    /// <summary>Removes <paramref name="key"/>. Python: <c>d.pop(key, None)</c>.</summary>
    /// <returns>True if it was there.</returns>
    public bool Remove(TKey key) => _proxy.Call<bool>(OpRemove, new SharedRequest(SharedProxy.ToElement(key)));

    /// <summary>Removes every entry. Python: <c>d.clear()</c>.</summary>
    public void Clear() => _proxy.Call(OpClear);

    /// <summary>A copy of the entries, taken atomically. Python: <c>dict(d)</c> / <c>d.copy()</c>.</summary>
    public Dictionary<TKey, TValue> ToDictionary() =>
        _proxy.Call(OpItems).EnumerateArray().ToDictionary(p => SharedProxy.FromElement<TKey>(p[0]), p => SharedProxy.FromElement<TValue>(p[1]));

    /// <inheritdoc/>
    public override string ToString() => "<Manager dict>";
}
