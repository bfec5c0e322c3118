using System.Diagnostics;
using System.Text.Json;

namespace Weave.Primitives;

/// <summary>
/// Hosts objects that several processes share through proxies: Python's <c>multiprocessing.Manager()</c>.
/// Create the objects here, pass them to a <see cref="WorkerProcess"/> or a pool's work as arguments, and every
/// process reaches the same object.
/// </summary>
/// <remarks>
/// <para>Python starts a server process for a manager; here the process that creates the manager hosts its
/// objects (the same IPC host as <see cref="Pipe"/> and <see cref="ProcessQueue{T}"/>), so they live as long as
/// that process and this manager. After <see cref="Shutdown"/> every object of the manager throws
/// <see cref="ObjectDisposedException"/>; once the hosting process is gone, calls from other processes throw
/// <see cref="IOException"/> saying so.</para>
/// <para>Each call on an object is one round trip, atomic in the host. A read-modify-write (<c>v.Value += 1</c>)
/// is two calls: several processes doing it lose updates unless they hold a <see cref="SharedLock"/>, as in Python.</para>
/// </remarks>
[DebuggerDisplay("Manager: {_objects.Count} objects, ShutDown = {IsShutDown}")]
public sealed class Manager : IDisposable
{
    private readonly List<(long Id, SharedTarget Target)> _objects = []; // Guarded by itself.
    private volatile bool _shutDown;

    /// <summary>True once <see cref="Shutdown"/> has run.</summary>
    public bool IsShutDown => _shutDown;

    /// <summary>A shared dictionary. Python: <c>manager.dict()</c>.</summary>
    /// <exception cref="ObjectDisposedException">The manager was shut down.</exception>
    public SharedDictionary<TKey, TValue> Dict<TKey, TValue>()
        where TKey : notnull
    {
        var entries = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        return new(Host("dict", (op, request) =>
        {
            var r = SharedRequest.From(request);
            lock (entries)
            {
                return op switch
                {
                    SharedDictionary<TKey, TValue>.OpGet => entries.TryGetValue(r.KeyText, out JsonElement v) ? new[] { v } : [],
                    SharedDictionary<TKey, TValue>.OpSet => Store(entries, r.KeyText, r.ValueCopy),
                    SharedDictionary<TKey, TValue>.OpRemove => entries.Remove(r.KeyText),
                    SharedDictionary<TKey, TValue>.OpCount => entries.Count,
                    SharedDictionary<TKey, TValue>.OpItems => entries.Select(p => new[] { JsonDocument.Parse(p.Key).RootElement.Clone(), p.Value }).ToArray(),
                    SharedDictionary<TKey, TValue>.OpClear => Cleared(entries),
                    _ => throw Unknown("dict", op),
                };
            }
        }));
    }

    /// <summary>A shared list. Python: <c>manager.list()</c>.</summary>
    /// <exception cref="ObjectDisposedException">The manager was shut down.</exception>
    public SharedList<T> List<T>()
    {
        var items = new List<JsonElement>();
        return new(Host("list", (op, request) =>
        {
            var r = SharedRequest.From(request);
            lock (items)
            {
                return op switch
                {
                    SharedList<T>.OpAdd => Appended(items, r.ValueCopy),
                    SharedList<T>.OpGet => items[Index(items, r.Index)],
                    SharedList<T>.OpSet => items[Index(items, r.Index)] = r.ValueCopy,
                    SharedList<T>.OpCount => items.Count,
                    SharedList<T>.OpItems => items.ToArray(),
                    SharedList<T>.OpRemoveAt => RemovedAt(items, Index(items, r.Index)),
                    SharedList<T>.OpInsert => InsertedAt(items, r.Index, r.ValueCopy),
                    SharedList<T>.OpClear => Cleared(items),
                    _ => throw Unknown("list", op),
                };
            }
        }));
    }

    /// <summary>A shared value starting at <paramref name="initial"/>. Python: <c>manager.Value(typecode, value)</c>.</summary>
    /// <exception cref="ObjectDisposedException">The manager was shut down.</exception>
    public SharedValue<T> Value<T>(T initial)
    {
        var gate = new object();
        JsonElement value = JsonSerializer.SerializeToElement(initial, ProcessJson.Options);
        return new(Host("value", (op, request) =>
        {
            var r = SharedRequest.From(request);
            lock (gate)
            {
                return op switch
                {
                    SharedValue<T>.OpGet => value,
                    SharedValue<T>.OpSet => value = r.ValueCopy,
                    _ => throw Unknown("value", op),
                };
            }
        }));
    }

    /// <summary>A shared primitive lock. Python: <c>manager.Lock()</c>.</summary>
    /// <exception cref="ObjectDisposedException">The manager was shut down.</exception>
    public SharedLock Lock()
    {
        var primitive = new PrimitiveLock();
        return new(Host("lock", (op, request) => op switch
        {
            SharedLock.OpAcquire => primitive.Acquire(SharedRequest.From(request).Timeout),
            SharedLock.OpRelease => Released(primitive),
            SharedLock.OpLocked => primitive.IsLocked,
            _ => throw Unknown("lock", op),
        }));
    }

    /// <summary>A shared reentrant lock, owned by a thread of a process. Python: <c>manager.RLock()</c>.</summary>
    /// <exception cref="ObjectDisposedException">The manager was shut down.</exception>
    public SharedReentrantLock RLock()
    {
        var owned = new OwnedLock();
        return new(Host("rlock", (op, request) =>
        {
            var r = SharedRequest.From(request);
            string owner = r.Owner ?? throw new InvalidDataException("An rlock call names no owner.");
            return op switch
            {
                SharedReentrantLock.OpAcquire => owned.Acquire(owner, r.Timeout),
                SharedReentrantLock.OpRelease => owned.Release(owner),
                SharedReentrantLock.OpDepth => owned.Depth(owner),
                _ => throw Unknown("rlock", op),
            };
        }));
    }

    /// <summary>A shared event. Python: <c>manager.Event()</c>.</summary>
    /// <exception cref="ObjectDisposedException">The manager was shut down.</exception>
    public SharedEvent Event()
    {
        var flag = new Event();
        return new(Host("event", (op, request) => op switch
        {
            SharedEvent.OpSet => Done(flag.Set),
            SharedEvent.OpClear => Done(flag.Clear),
            SharedEvent.OpIsSet => flag.IsSet,
            SharedEvent.OpWait => flag.Wait(SharedRequest.From(request).Timeout),
            _ => throw Unknown("event", op),
        }));
    }

    /// <summary>A queue shared between processes. Python: <c>manager.Queue(maxsize)</c>.</summary>
    /// <param name="maxSize">The capacity; zero or less means unbounded.</param>
    /// <exception cref="ObjectDisposedException">The manager was shut down.</exception>
    public ProcessQueue<T> Queue<T>(int maxSize = 0)
    {
        ThrowIfShutDown();
        return new ProcessQueue<T>(maxSize);
    }

    /// <summary>Shuts the manager down: every object it made throws <see cref="ObjectDisposedException"/> from now on,
    /// in every process. Calling it again is harmless. Python: <c>manager.shutdown()</c>.</summary>
    public void Shutdown()
    {
        _shutDown = true;
        lock (_objects)
        {
            foreach (var (id, target) in _objects)
            {
                target.ShutDown();
                IpcHost.Current.Unregister(id);
            }

            _objects.Clear();
        }
    }

    /// <summary>Same as <see cref="Shutdown"/>.</summary>
    public void Dispose() => Shutdown();

    /// <inheritdoc/>
    public override string ToString() => IsShutDown ? "<Manager shut down>" : "<Manager>";

    private SharedProxy Host(string kind, Func<byte, JsonElement, object?> handle)
    {
        ThrowIfShutDown();
        var target = new SharedTarget(kind, handle);
        IpcEndpoint endpoint = IpcEndpoint.Create(target);
        lock (_objects)
        {
            _objects.Add((endpoint.Id, target));
        }

        return new SharedProxy(endpoint);
    }

    private void ThrowIfShutDown() => ObjectDisposedException.ThrowIf(_shutDown, this);

    private static InvalidDataException Unknown(string kind, byte op) => new($"Unknown {kind} operation {op}.");

    private static int Index<T>(List<T> items, int index) =>
        index >= 0 && index < items.Count ? index : throw new ArgumentOutOfRangeException(nameof(index), index, $"list index out of range (the list has {items.Count} items)");

    private static bool Store(Dictionary<string, JsonElement> entries, string key, JsonElement value)
    {
        entries[key] = value;
        return true;
    }

    private static bool Appended(List<JsonElement> items, JsonElement value)
    {
        items.Add(value);
        return true;
    }

    private static bool RemovedAt(List<JsonElement> items, int index)
    {
        items.RemoveAt(index);
        return true;
    }

    private static bool InsertedAt(List<JsonElement> items, int index, JsonElement value)
    {
        if (index < 0 || index > items.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"insert position out of range (the list has {items.Count} items)");
        }

        items.Insert(index, value);
        return true;
    }

    private static bool Cleared<TKey, TValue>(Dictionary<TKey, TValue> entries)
        where TKey : notnull
    {
        entries.Clear();
        return true;
    }

    private static bool Cleared<T>(List<T> items)
    {
        items.Clear();
        return true;
    }

    private static bool Released(PrimitiveLock primitive)
    {
        primitive.Release();
        return true;
    }

    private static bool Done(Action action)
    {
        action();
        return true;
    }

    /// <summary>The host side of an rlock: an owner (process:thread) and a depth, behind a condition.</summary>
    private sealed class OwnedLock
    {
        private readonly Condition _free = new(new PrimitiveLock()); // Signalled when the depth drops to zero.
        private string? _owner;
        private int _depth;

        public bool Acquire(string owner, TimeSpan timeout)
        {
            var deadline = Deadline.After(timeout);
            using (_free.EnterScope())
            {
                if (_owner == owner)
                {
                    _depth++;
                    return true;
                }

                while (_owner is not null)
                {
                    if (!_free.Wait(deadline.Remaining) && _owner is not null)
                    {
                        return false;
                    }
                }

                _owner = owner;
                _depth = 1;
                return true;
            }
        }

        public bool Release(string owner)
        {
            using (_free.EnterScope())
            {
                if (_owner != owner)
                {
                    throw new SynchronizationLockException("cannot release un-acquired lock");
                }

                if (--_depth == 0)
                {
                    _owner = null;
                    _free.Notify();
                }

                return true;
            }
        }

        public int Depth(string owner)
        {
            using (_free.EnterScope())
            {
                return _owner == owner ? _depth : 0;
            }
        }
    }
}
