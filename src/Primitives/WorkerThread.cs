using System.Diagnostics;

namespace Weave.Primitives;

/// <summary>
/// A thread with Python's <c>threading.Thread</c> lifecycle: a target or an overridden
/// <see cref="Run"/>, start once, join with a timeout, daemon flag, and exceptions that go to a hook
/// instead of killing the process.
/// </summary>
/// <remarks>
/// <para>Built on <see cref="System.Threading.Thread"/> (never the thread pool), so the systematic
/// harness controls it. A daemon thread is a background thread: it does not keep the process alive;
/// a non-daemon thread does, as Python joins non-daemon threads at exit.</para>
/// <para>An exception escaping <see cref="Run"/> is passed to <see cref="UnhandledException"/> (or,
/// with no handler, written to standard error) and never terminates the process;
/// <see cref="Join()"/> does not rethrow it.</para>
/// </remarks>
[DebuggerDisplay("{Name,nq}: {StateForDebugger,nq}, Daemon = {IsDaemon}")]
public class WorkerThread
{
    private const int Created = 0;
    private const int Started = 1;
    private const int Stopped = 2;

    private static int s_unnamedCount;

#pragma warning disable IDE1006 // t_ is the thread-static prefix of the runtime style.
    [ThreadStatic]
    private static WorkerThread? t_current;
#pragma warning restore IDE1006

    private readonly Action? _target;

    // Set when Run has returned or thrown and the exception has been reported; Join waits for it.
    private readonly Event _stopped = new();

    private int _state; // Created -> Started -> Stopped, each once.
    private bool _isDaemon;
    private string _name;
    private Thread? _thread;

    /// <summary>Creates a thread that will call <paramref name="target"/> (or <see cref="Run"/>'s override).
    /// Python: <c>Thread(target=None, name=None, daemon=None)</c>.</summary>
    /// <param name="target">What <see cref="Run"/> calls; null when a subclass overrides <see cref="Run"/>.</param>
    /// <param name="name">The thread's name; null gives Python's <c>Thread-N (target)</c>.</param>
    /// <param name="isDaemon">Whether the thread is a daemon; null inherits the creating thread's.</param>
    public WorkerThread(Action? target = null, string? name = null, bool? isDaemon = null)
    {
        _target = target;
        _name = name ?? DefaultName(target);
        _isDaemon = isDaemon ?? (t_current?.IsDaemon ?? Thread.CurrentThread.IsBackground);
    }

    /// <summary>
    /// Raised, on the failing thread, when an exception escapes a <see cref="WorkerThread"/>'s
    /// <see cref="Run"/>. Python: <c>threading.excepthook</c>. With no handler the exception is written
    /// to standard error. A handler that throws is reported to standard error too.
    /// </summary>
    public static event EventHandler<WorkerThreadExceptionEventArgs>? UnhandledException;

    /// <summary>The <see cref="WorkerThread"/> running the calling code, or null on any other thread.
    /// Python: <c>threading.current_thread()</c>.</summary>
    public static WorkerThread? Current => t_current;

    /// <summary>The thread's name. Python: <c>name</c>.</summary>
    /// <exception cref="ArgumentNullException">Set to null.</exception>
    public string Name
    {
        get => Volatile.Read(ref _name);
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            Volatile.Write(ref _name, value);
        }
    }

    /// <summary>
    /// The name read with a plain load, for diagnostics that must not add a scheduling point under the
    /// systematic scheduler (the harness's interleaving logger runs inside Coyote's scheduler).
    /// </summary>
    internal string NameForDiagnostics => _name;

    /// <summary>Whether the thread is a daemon (a background thread). Python: <c>daemon</c>.</summary>
    /// <exception cref="InvalidOperationException">Set after <see cref="Start"/>.</exception>
    public bool IsDaemon
    {
        get => _isDaemon;
        set
        {
            if (Volatile.Read(ref _state) != Created)
            {
                throw new InvalidOperationException("cannot set daemon status of active thread");
            }

            _isDaemon = value;
        }
    }

    /// <summary>True from <see cref="Start"/> until <see cref="Run"/> has finished. Python: <c>is_alive()</c>.</summary>
    public bool IsAlive => Volatile.Read(ref _state) == Started;

    /// <summary>The managed thread id once started, otherwise null. Python: <c>ident</c>.</summary>
    public int? ManagedThreadId => Volatile.Read(ref _thread)?.ManagedThreadId;

    private string StateForDebugger => Volatile.Read(ref _state) switch
    {
        Created => "created",
        Started => "alive",
        _ => "stopped",
    };

    /// <summary>Starts the thread, which calls <see cref="Run"/>. Python: <c>start()</c>.</summary>
    /// <exception cref="InvalidOperationException">The thread was already started ("threads can only be started once").</exception>
    public void Start()
    {
        if (Interlocked.CompareExchange(ref _state, Started, Created) != Created)
        {
            throw new InvalidOperationException("threads can only be started once");
        }

        var thread = new Thread(static state => ((WorkerThread)state!).Bootstrap())
        {
            IsBackground = _isDaemon,
        };

        // Under the systematic scheduler the OS thread keeps the name Coyote gives it: Coyote maps
        // threads to operations by that name, and renaming one stalls its scheduler for a second.
        if (SystematicHook.CurrentMode == WaitMode.Real)
        {
            thread.Name = Name;
        }

        Volatile.Write(ref _thread, thread);
        thread.Start(this);
    }

    /// <summary>Blocks until the thread has finished. Python: <c>join()</c>.</summary>
    /// <exception cref="InvalidOperationException">The thread was not started, or is the calling thread.</exception>
    public void Join() => JoinCore(Timeout.InfiniteTimeSpan, CancellationToken.None);

    /// <summary>Blocks until the thread has finished or the token is cancelled.</summary>
    /// <exception cref="InvalidOperationException">The thread was not started, or is the calling thread.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public void Join(CancellationToken cancellationToken) => JoinCore(Timeout.InfiniteTimeSpan, cancellationToken);

    /// <summary>Blocks until the thread has finished or the timeout passes. Python: <c>join(timeout)</c>.</summary>
    /// <returns><c>true</c> if the thread has finished (Python returns None; check <c>is_alive()</c>).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    /// <exception cref="InvalidOperationException">The thread was not started, or is the calling thread.</exception>
    public bool Join(TimeSpan timeout) => JoinCore(timeout, CancellationToken.None);

    /// <summary>Blocks until the thread has finished, the timeout passes or the token is cancelled.</summary>
    /// <returns><c>true</c> if the thread has finished.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    /// <exception cref="InvalidOperationException">The thread was not started, or is the calling thread.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public bool Join(TimeSpan timeout, CancellationToken cancellationToken) => JoinCore(timeout, cancellationToken);

    /// <inheritdoc/>
    public override string ToString() => $"<{GetType().Name}({Name}, {StateForDebugger}{(IsDaemon ? " daemon" : "")})>";

    /// <summary>
    /// The thread's work: calls the target given to the constructor. Override it in a subclass, as
    /// Python's <c>run()</c>.
    /// </summary>
    protected virtual void Run() => _target?.Invoke();

    private bool JoinCore(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Deadline deadline = Deadline.After(timeout);
        if (Volatile.Read(ref _state) == Created)
        {
            throw new InvalidOperationException("cannot join thread before it is started");
        }

        if (ReferenceEquals(t_current, this))
        {
            throw new InvalidOperationException("cannot join current thread");
        }

        return deadline.IsInfinite
            ? _stopped.Wait(cancellationToken)
            : _stopped.Wait(deadline.Remaining, cancellationToken);
    }

    private void Bootstrap()
    {
        t_current = this;
        try
        {
            Run();
        }
        catch (ThreadInterruptedException exception)
        {
            Report(exception); // Typed on its own: under Coyote's rewriting catch (Exception) never sees one.
        }
        catch (Exception exception)
        {
            Report(exception);
        }
        finally
        {
            Volatile.Write(ref _state, Stopped);
            _stopped.Set();
            t_current = null;
        }
    }

    /// <summary>Reports <paramref name="exception"/> as unhandled in the current worker thread (a pool worker
    /// reporting a stray interrupt it cleared), or writes it to stderr outside a worker.</summary>
    internal static void ReportUnhandled(Exception exception)
    {
        if (t_current is { } current)
        {
            current.Report(exception);
        }
        else
        {
            WriteToStderr("Exception in a worker:", exception);
        }
    }

    private void Report(Exception exception)
    {
        EventHandler<WorkerThreadExceptionEventArgs>? handlers = UnhandledException;
        if (handlers is null)
        {
            WriteToStderr($"Exception in thread {Name}:", exception);
            return;
        }

        try
        {
            handlers(this, new WorkerThreadExceptionEventArgs(this, exception));
        }
        catch (Exception handlerFailure)
        {
            WriteToStderr($"Exception in thread {Name}:", exception);
            WriteToStderr("WorkerThread.UnhandledException handler failed:", handlerFailure);
        }
    }

    private static void WriteToStderr(string header, Exception exception)
    {
        try
        {
            Console.Error.WriteLine(header);
            Console.Error.WriteLine(exception);
        }
        catch (IOException)
        {
            // Standard error is gone; there is nowhere left to report to.
        }
    }

    // Python shows the function's __name__: a method's own name, a local function's declared name
    // (compiled as "<Outer>g__Name|0_0"), and "<lambda>" for an anonymous function.
    private static string TargetName(string method)
    {
        if (!method.StartsWith('<'))
        {
            return method;
        }

        int start = method.IndexOf("g__", StringComparison.Ordinal);
        int end = method.IndexOf('|', StringComparison.Ordinal);
        return start >= 0 && end > start + 3 ? method[(start + 3)..end] : "<lambda>";
    }

    private static string DefaultName(Action? target)
    {
        int number = Interlocked.Increment(ref s_unnamedCount);
        if (target is null)
        {
            return $"Thread-{number}";
        }

        return $"Thread-{number} ({TargetName(target.Method.Name)})";
    }
}
