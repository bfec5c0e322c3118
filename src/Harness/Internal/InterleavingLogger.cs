using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Coyote.Logging;
using Weave.Primitives;

namespace Weave.Harness;

/// <summary>
/// Turns Coyote's debug log of a replay into a readable interleaving. Coyote logs "operation X
/// reached scheduling point P at execution step N" on the thread that reached it, so at that moment
/// this logger records the thread's name, the API that was intercepted (Monitor.Enter,
/// Thread.Start, …), the Weave primitive called, and the first source line of user code on the stack.
/// </summary>
/// <remarks>
/// During exploration (verbosity off) it receives only Coyote's progress lines and drops them,
/// which keeps test output quiet.
/// Under Coyote only one controlled operation runs at a time, so appending without a lock is safe
/// (and a lock here would itself be a scheduling point if this assembly were rewritten; it is not).
/// </remarks>
internal sealed partial class InterleavingLogger : ILogger
{
    private const int MaxLines = 400;

    /// <summary>How Coyote 1.7.11's periodic deadlock monitor starts its report.</summary>
    internal const string PotentialHangMessage = "Potential deadlock or hang detected";

    private readonly List<string> _lines = [];
    private readonly HashSet<string> _fieldAccessOperations = [];
    private object? _runtime;
    private int _dropped;
    private int _potentialHangs;

    /// <summary>
    /// Iterations Coyote's periodic monitor ended as a potential deadlock or hang (no scheduling step for its
    /// timeout, reported as an error rather than a bug: a controlled thread ran code Coyote does not control).
    /// Written by the monitor's own task.
    /// </summary>
    public int PotentialHangs => Volatile.Read(ref _potentialHangs);

    /// <summary>Remembers the running iteration's Coyote runtime (called on its controlled thread, at its start), so
    /// that a potential hang reported from Coyote's monitor thread is judged on this engine's threads.</summary>
    public void CaptureRuntime() => Volatile.Write(ref _runtime, Internal.CoyoteQuiescence.CurrentRuntime());

    /// <summary>Only count plain-field accesses (the ExploreFieldRaces probe): no interleaving text.</summary>
    public bool CountFieldAccessesOnly { get; init; }

    /// <summary>Plain-field accesses seen (Coyote's memory-access scheduling points, with memory-access races on).</summary>
    public int FieldAccesses { get; private set; }

    /// <summary>How many operations (threads) made them.</summary>
    public int FieldAccessOperations => _fieldAccessOperations.Count;

    /// <summary>The interleaving, one step per line (the last <see cref="MaxLines"/> steps).</summary>
    public string Text
    {
        get
        {
            var text = new StringBuilder();
            if (_dropped > 0)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  … {_dropped} earlier steps not shown");
            }

            foreach (string line in _lines)
            {
                text.AppendLine(line);
            }

            return text.ToString();
        }
    }

    public void Write(string value) => Record(value);

    public void Write(string format, object? arg0) => Record(Format(format, arg0));

    public void Write(string format, object? arg0, object? arg1) => Record(Format(format, arg0, arg1));

    public void Write(string format, object? arg0, object? arg1, object? arg2) => Record(Format(format, arg0, arg1, arg2));

    public void Write(string format, params object?[] args) => Record(Format(format, args));

    public void Write(LogSeverity severity, string value) => Record(value);

    public void Write(LogSeverity severity, string format, object? arg0) => Record(Format(format, arg0));

    public void Write(LogSeverity severity, string format, object? arg0, object? arg1) => Record(Format(format, arg0, arg1));

    public void Write(LogSeverity severity, string format, object? arg0, object? arg1, object? arg2) => Record(Format(format, arg0, arg1, arg2));

    public void Write(LogSeverity severity, string format, params object?[] args) => Record(Format(format, args));

    public void WriteLine(string value) => Record(value);

    public void WriteLine(string format, object? arg0) => Record(Format(format, arg0));

    public void WriteLine(string format, object? arg0, object? arg1) => Record(Format(format, arg0, arg1));

    public void WriteLine(string format, object? arg0, object? arg1, object? arg2) => Record(Format(format, arg0, arg1, arg2));

    public void WriteLine(string format, params object?[] args) => Record(Format(format, args));

    public void WriteLine(LogSeverity severity, string value) => Record(value);

    public void WriteLine(LogSeverity severity, string format, object? arg0) => Record(Format(format, arg0));

    public void WriteLine(LogSeverity severity, string format, object? arg0, object? arg1) => Record(Format(format, arg0, arg1));

    public void WriteLine(LogSeverity severity, string format, object? arg0, object? arg1, object? arg2) => Record(Format(format, arg0, arg1, arg2));

    public void WriteLine(LogSeverity severity, string format, params object?[] args) => Record(Format(format, args));

    public void Dispose()
    {
    }

    private static string Format(string format, params object?[] args) => string.Format(CultureInfo.InvariantCulture, format, args);

    [GeneratedRegex(@"Operation '(?<op>[^']+)'.* reached scheduling point '(?<kind>[^']+)' at execution step '(?<step>\d+)'")]
    private static partial Regex SchedulingPoint();

    private void Record(string message)
    {
        if (message.Contains(PotentialHangMessage, StringComparison.Ordinal))
        {
            // Every thread waiting for good is the code's deadlock; a thread still running is the false alarm.
            if (!Internal.CoyoteQuiescence.ConfirmDeadlock(Volatile.Read(ref _runtime)))
            {
                Interlocked.Increment(ref _potentialHangs);
            }

            return;
        }

        Match match = SchedulingPoint().Match(message);
        if (!match.Success)
        {
            return;
        }

        if (CountFieldAccessesOnly)
        {
            // Coyote 1.7.11 logs a memory access's scheduling point as 'Interleave' (later versions: Read, Write).
            if (match.Groups["kind"].Value is "Interleave" or "Read" or "Write" && !InWeavePrimitives(new StackTrace(skipFrames: 1)))
            {
                FieldAccesses++;
                _fieldAccessOperations.Add(match.Groups["op"].Value);
            }

            return;
        }

        // Coyote names the threads it controls with GUIDs; a WorkerThread's own name is more useful.
        // Only plain loads here: anything rewritten (a Volatile.Read) would be a scheduling point,
        // which Coyote logs, which calls this logger again.
        string threadName = WorkerThread.Current?.NameForDiagnostics
            ?? (Thread.CurrentThread.Name is string name && !Guid.TryParse(name, out _) ? name : $"thread {Environment.CurrentManagedThreadId}");
        (string what, string where) = Describe(new StackTrace(skipFrames: 1, fNeedFileInfo: true));
        if (where.Length == 0)
        {
            return; // Coyote's own helper operations (a pulse delivery, say): not the program's steps.
        }

        string line = string.Create(CultureInfo.InvariantCulture,
            $"  {match.Groups["step"].Value,5}  {match.Groups["op"].Value,-7} {threadName,-22} {what,-34} {where}");
        _lines.Add(line);
        if (_lines.Count > MaxLines)
        {
            _lines.RemoveAt(0);
            _dropped++;
        }
    }

    // The field access's own code: the first frame outside Coyote and the harness. Weave.Primitives' fields are
    // its own business (guarded, and tested here); the user's are what the suggestion is about.
    private static bool InWeavePrimitives(StackTrace trace)
    {
        foreach (StackFrame frame in trace.GetFrames())
        {
            string? assembly = frame.GetMethod()?.DeclaringType?.Assembly.GetName().Name;
            if (assembly is null || assembly.StartsWith("Microsoft.Coyote", StringComparison.Ordinal) || assembly == "Weave.Harness")
            {
                continue;
            }

            return assembly == "Weave.Primitives";
        }

        return false;
    }

    // Innermost to outermost: Coyote's interceptor (names the intercepted API), then Weave.Primitives
    // frames (the outermost public one is the primitive the user called), then user code.
    private static (string What, string Where) Describe(StackTrace trace)
    {
        string? intercepted = null;
        string? primitive = null;
        foreach (StackFrame frame in trace.GetFrames())
        {
            if (frame.GetMethod() is not MethodBase method || method.DeclaringType is not Type type)
            {
                continue;
            }

            string assembly = type.Assembly.GetName().Name ?? "";
            if (assembly.StartsWith("Microsoft.Coyote", StringComparison.Ordinal))
            {
                if (type.Namespace?.StartsWith("Microsoft.Coyote.Rewriting.Types", StringComparison.Ordinal) == true)
                {
                    intercepted = $"{Outer(type).Name}.{method.Name}";
                }

                continue;
            }

            if (assembly == "Weave.Harness" || assembly.StartsWith("System.", StringComparison.Ordinal) || assembly == "System")
            {
                continue;
            }

            if (assembly == "Weave.Primitives")
            {
                Type outer = Outer(type);
                if (outer.IsPublic && !method.IsPrivate)
                {
                    primitive = $"{outer.Name.Split('`')[0]}.{method.Name}";
                }

                continue;
            }

            // No line: code without symbols (a package), or a compiler-made block (a using's Dispose) with no line of its own.
            string where = frame.GetFileName() is string path && frame.GetFileLineNumber() > 0
                ? $"{Path.GetFileName(path)}:{frame.GetFileLineNumber()} in {Readable(method)}"
                : $"in {Readable(method)}";
            return (primitive ?? intercepted ?? "(step)", where);
        }

        return (primitive ?? intercepted ?? "(step)", "");
    }

    private static Type Outer(Type type)
    {
        while (type.DeclaringType is not null && type.Name.StartsWith('<'))
        {
            type = type.DeclaringType;
        }

        return type;
    }

    private static string Readable(MethodBase method)
    {
        string name = method.Name;
        Type? type = method.DeclaringType is null ? null : Outer(method.DeclaringType);
        if (name.StartsWith('<') && name.IndexOf('>', StringComparison.Ordinal) is int end and > 1)
        {
            name = $"lambda in {name[1..end]}";
        }

        return type is null ? name : $"{type.Name}.{name}";
    }
}
