using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Weave.Primitives;

/// <summary>
/// Activity run in a separate process: Python's <c>multiprocessing.Process</c>, shaped like
/// <see cref="WorkerThread"/>. Give it a target and its arguments, or derive and override <see cref="Run"/>,
/// then <see cref="Start"/> and <see cref="Join()"/>.
/// </summary>
/// <remarks>
/// <para>What crosses the boundary is what crosses for the pools: a static method, or a lambda that captures
/// nothing, named by assembly and token; arguments through System.Text.Json (fields included), among them
/// <see cref="Connection"/> ends, <see cref="ProcessQueue{T}"/>s and <see cref="Manager"/> objects, which reach the
/// process that created them. A subclass crosses as its type and its serialised fields and properties (public
/// or <c>[JsonInclude]</c>); the child creates it from them and calls <see cref="Run"/>.</para>
/// <para><see cref="ExitCode"/> follows Python: null while running, 0 after a normal return, 1 after an exception
/// escaped the target (its type, message and stack are printed to the child's standard error, as Python prints
/// the traceback), minus the signal's number when a signal ended it (-15 after <see cref="Terminate"/>, -9 after
/// <see cref="Kill"/>). When the parent exits, daemonic children are terminated and the others are joined, as
/// Python does; a child whose parent is killed exits too (it watches a pipe only the parent holds: no orphans).</para>
/// </remarks>
[DebuggerDisplay("{Name,nq}: Pid = {Pid}, ExitCode = {ExitCode}, Daemon = {IsDaemon}")]
public class WorkerProcess
{
    private static readonly ConcurrentDictionary<WorkerProcess, bool> s_running = new();
    private static readonly TimeSpan s_connectTimeout = TimeSpan.FromSeconds(30);
    private static int s_unnamed;

    private readonly Delegate? _target;
    private readonly object?[] _args;
    private HostProcess? _host;
    private int _state; // 0 created, 1 started, 2 closed.
    private bool _isDaemon;
    private int? _signal;

    static WorkerProcess() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        // As Python at interpreter exit: terminate the daemonic children, join the others.
        foreach (WorkerProcess child in s_running.Keys)
        {
            if (child.IsDaemon)
            {
                child.Terminate();
            }
        }

        foreach (WorkerProcess child in s_running.Keys)
        {
            child.Join();
        }
    };

    /// <summary>Creates a process that runs <paramref name="target"/> (no arguments). Python: <c>Process(target=f)</c>.</summary>
    /// <param name="target">A static method, or a lambda that captures nothing.</param>
    /// <param name="name">The process's name (default "WorkerProcess-N").</param>
    /// <param name="isDaemon">Terminated when the parent exits (default false, as for a process started by a non-daemon).</param>
    /// <exception cref="ArgumentNullException"><paramref name="target"/> is null.</exception>
    /// <exception cref="ArgumentException">The target cannot cross a process boundary (it captures state, or is an instance method).</exception>
    public WorkerProcess(Action target, string? name = null, bool? isDaemon = null)
        : this((Delegate)target, [], name, isDaemon)
    {
    }

    /// <summary>Creates a process that runs <paramref name="target"/> with <paramref name="args"/>. Python: <c>Process(target=f, args=(…))</c>.</summary>
    /// <param name="target">A static method, or a lambda that captures nothing, taking the arguments.</param>
    /// <param name="args">The arguments, serialised now (a <see cref="Connection"/> end, a queue, a manager's object…).</param>
    /// <param name="name">The process's name (default "WorkerProcess-N").</param>
    /// <param name="isDaemon">Terminated when the parent exits (default false).</param>
    /// <exception cref="ArgumentNullException"><paramref name="target"/> or <paramref name="args"/> is null.</exception>
    /// <exception cref="ArgumentException">The target cannot cross a process boundary, or takes another number of arguments.</exception>
    public WorkerProcess(Delegate target, object?[] args, string? name = null, bool? isDaemon = null)
        : this(name, isDaemon)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(args);
        _ = CallTarget.FromDelegate(target, nameof(target)); // Refuses captures and instance methods now, naming the parameter.
        if (target.Method.GetParameters().Length != args.Length)
        {
            throw new ArgumentException($"The target takes {target.Method.GetParameters().Length} argument(s); {args.Length} given.", nameof(args));
        }

        _target = target;
        _args = args;
    }

    /// <summary>For a subclass that overrides <see cref="Run"/>.</summary>
    /// <param name="name">The process's name (default "WorkerProcess-N").</param>
    /// <param name="isDaemon">Terminated when the parent exits (default false).</param>
    protected WorkerProcess(string? name = null, bool? isDaemon = null)
    {
        Name = name ?? $"WorkerProcess-{Interlocked.Increment(ref s_unnamed)}";
        _isDaemon = isDaemon ?? false;
        _args = [];
    }

    /// <summary>The process's name. Python: <c>name</c>.</summary>
    [JsonIgnore]
    public string Name { get; set; }

    /// <summary>Whether the process is terminated when its parent exits; settable before <see cref="Start"/> only. Python: <c>daemon</c>.</summary>
    /// <exception cref="InvalidOperationException">Set after the process started.</exception>
    [JsonIgnore]
    public bool IsDaemon
    {
        get => _isDaemon;
        set
        {
            if (Volatile.Read(ref _state) != 0)
            {
                throw new InvalidOperationException("process has already started: its daemon flag cannot change");
            }

            _isDaemon = value;
        }
    }

    /// <summary>The child's process id, or null before <see cref="Start"/>. Python: <c>pid</c>.</summary>
    [JsonIgnore]
    public int? Pid => _host?.Id;

    /// <summary>True from <see cref="Start"/> until the child exits. Python: <c>is_alive()</c>.</summary>
    [JsonIgnore]
    public bool IsAlive => _host is { HasExited: false };

    /// <summary>
    /// Null while the child runs (or before it starts); 0 after a normal return; 1 after an exception escaped
    /// the target; minus the signal's number when a signal ended it. Python: <c>exitcode</c>.
    /// </summary>
    [JsonIgnore]
    public int? ExitCode => _host?.ExitCode is int code ? PythonExitCode(code) : null;

    /// <summary>Starts the child process and runs the target (or <see cref="Run"/>) there. Python: <c>start()</c>.</summary>
    /// <exception cref="InvalidOperationException">Started twice, or closed.</exception>
    /// <exception cref="IOException">The child could not be started.</exception>
    public void Start()
    {
        ThrowIfClosed();
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            throw new InvalidOperationException("cannot start a process twice");
        }

        WorkerRequest request = Request();
        HostProcess host = HostProcess.Start(exited => s_running.TryRemove(this, out bool _));
        host.KillOnExit = IsDaemon;
        _host = host;
        s_running[this] = true;
        try
        {
            host.WaitUntilConnected(s_connectTimeout);
        }
        catch (IOException)
        {
            host.Kill();
            s_running.TryRemove(this, out _);
            throw;
        }

        // The call returns when the target does; the child then exits on its own (Once).
        var caller = new Thread(() =>
        {
            try
            {
                _ = host.Call(request);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or JsonException)
            {
                // Killed or terminated: the exit code says so.
            }
        })
        {
            IsBackground = true,
            Name = $"Weave {Name} caller",
        };
        caller.Start();
    }

    /// <summary>Waits until the child exits. Python: <c>join()</c>.</summary>
    /// <exception cref="InvalidOperationException">Not started, or closed.</exception>
    public void Join() => Join(Timeout.InfiniteTimeSpan);

    /// <summary>Waits at most <paramref name="timeout"/> for the child to exit. Python: <c>join(timeout)</c>.</summary>
    /// <returns><c>true</c> if it has exited.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    /// <exception cref="InvalidOperationException">Not started, or closed.</exception>
    public bool Join(TimeSpan timeout)
    {
        _ = Deadline.After(timeout);
        ThrowIfClosed();
        HostProcess host = _host ?? throw new InvalidOperationException("can only join a started process");
        bool exited = host.WaitForExit(timeout);
        if (exited)
        {
            s_running.TryRemove(this, out _);
        }

        return exited;
    }

    /// <summary>Sends SIGTERM to the child (on Windows: ends it). Python: <c>terminate()</c>. Harmless after it exited.</summary>
    /// <exception cref="InvalidOperationException">Closed.</exception>
    public void Terminate()
    {
        ThrowIfClosed();
        if (_host is { } host && !host.HasExited)
        {
            _signal ??= HostProcess.SignalTerm;
            host.Terminate();
        }
    }

    /// <summary>Sends SIGKILL to the child (on Windows: ends it). Python: <c>kill()</c>. Harmless after it exited.</summary>
    /// <exception cref="InvalidOperationException">Closed.</exception>
    public void Kill()
    {
        ThrowIfClosed();
        if (_host is { } host && !host.HasExited)
        {
            _signal ??= HostProcess.SignalKill;
            host.Kill();
        }
    }

    /// <summary>Releases the process object's resources; afterwards every member but <see cref="Name"/> throws. Python: <c>close()</c>.</summary>
    /// <exception cref="InvalidOperationException">The child is still running.</exception>
    public void Close()
    {
        if (Volatile.Read(ref _state) == 2)
        {
            return;
        }

        if (IsAlive)
        {
            throw new InvalidOperationException("Cannot close a process while it is still running. You should first call join() or terminate().");
        }

        Volatile.Write(ref _state, 2);
        _host?.Dispose();
    }

    /// <inheritdoc/>
    public override string ToString() =>
        Volatile.Read(ref _state) == 2 ? $"<{GetType().Name} name='{Name}' closed>"
        : _host is null ? $"<{GetType().Name} name='{Name}' initial{(IsDaemon ? " daemon" : "")}>"
        : ExitCode is int code ? $"<{GetType().Name} name='{Name}' pid={Pid} exitcode={code}{(IsDaemon ? " daemon" : "")}>"
        : $"<{GetType().Name} name='{Name}' pid={Pid} started{(IsDaemon ? " daemon" : "")}>";

    /// <summary>The process's activity, run in the child. The default runs the target given to the constructor;
    /// override it in a subclass (whose fields cross to the child serialised). Python: <c>run()</c>.</summary>
    protected virtual void Run()
    {
        if (_target is not null)
        {
            _target.DynamicInvoke(_args);
        }
    }

    /// <summary>In the child: creates the subclass from its serialised state and runs it (the request's target for a subclass).</summary>
    internal static void RunSubclass(string assemblyPath, string typeName, JsonElement state, string name)
    {
        Assembly assembly = System.Runtime.Loader.AssemblyLoadContext.Default.LoadFromAssemblyPath(assemblyPath);
        Type type = assembly.GetType(typeName, throwOnError: true)!;
        var process = (WorkerProcess)(state.Deserialize(type, ProcessJson.Options)
            ?? throw new InvalidOperationException($"The state of {typeName} deserialised to null."));
        process.Name = name;
        process.Run();
    }

    private WorkerRequest Request()
    {
        bool overridden = GetType().GetMethod(nameof(Run), BindingFlags.Instance | BindingFlags.NonPublic)?.DeclaringType != typeof(WorkerProcess);
        if (_target is not null && !overridden)
        {
            return new WorkerRequest(1, CallTarget.FromDelegate(_target, "target"), [CallTarget.SerializeArguments(_target, _args)], Once: true, ProcessName: Name);
        }

        Type type = GetType();
        if (!overridden)
        {
            return new WorkerRequest(1, CallTarget.FromDelegate((Action)(static () => { }), "target"), [[]], Once: true, ProcessName: Name);
        }

        if (string.IsNullOrEmpty(type.Assembly.Location) || type.FullName is null)
        {
            throw new InvalidOperationException($"{type} cannot be created in another process: it has no assembly file or full name.");
        }

        JsonElement state = JsonSerializer.SerializeToElement(this, type, ProcessJson.Options);
        Action<string, string, JsonElement, string> entry = RunSubclass;
        return new WorkerRequest(
            1,
            CallTarget.FromDelegate(entry, "target"),
            [CallTarget.SerializeArguments(entry, [type.Assembly.Location, type.FullName, state, Name])],
            Once: true,
            ProcessName: Name);
    }

    private int PythonExitCode(int code) =>
        code > 128 && code <= 128 + 64 ? -(code - 128) // A signal: the worker host itself only exits with 0, 1 or 64.
        : _signal is int signal && code == 128 + signal ? -signal
        : code;

    private void ThrowIfClosed()
    {
        if (Volatile.Read(ref _state) == 2)
        {
            throw new InvalidOperationException("process object is closed");
        }
    }
}
