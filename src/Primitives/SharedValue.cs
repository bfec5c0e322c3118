using System.Diagnostics;
using System.Text.Json.Serialization;

namespace Weave.Primitives;

/// <summary>
/// A value hosted by a <see cref="Manager"/> and shared by every process it is passed to: Python's
/// <c>Manager().Value(typecode, value)</c>. Reading and writing are each atomic; <c>v.Value += 1</c> is a read
/// then a write, and loses updates between processes unless a <see cref="SharedLock"/> is held around it.
/// </summary>
/// <typeparam name="T">The value's type.</typeparam>
[JsonConverter(typeof(SharedObjectJsonConverterFactory))]
[DebuggerDisplay("Manager value")]
public sealed class SharedValue<T> : ISharedObject
{
    internal const byte OpGet = 1, OpSet = 2;

    private readonly SharedProxy _proxy;

    internal SharedValue(SharedProxy proxy) => _proxy = proxy;

    SharedProxy ISharedObject.Proxy => _proxy;

    /// <summary>The value. Python: <c>v.value</c>.</summary>
    /// <exception cref="ObjectDisposedException">The manager was shut down.</exception>
    /// <exception cref="IOException">The process hosting the manager is gone.</exception>
    public T Value
    {
        get => _proxy.Call<T>(OpGet);
        set => _proxy.Call(OpSet, new SharedRequest(Value: SharedProxy.ToElement(value)));
    }

    /// <inheritdoc/>
    public override string ToString() => "<Manager value>";
}
