using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Pipes;
using System.Runtime.InteropServices;

namespace Weave.Primitives;

/// <summary>
/// One child process running Weave.WorkerHost, and the pipe to it (parent side). The child's
/// standard input is a pipe only this object writes to: when the parent exits or is killed, the
/// child sees it close and exits. Live workers are also killed when the parent exits normally.
/// </summary>
[DebuggerDisplay("Worker {Id}")]
internal sealed class HostProcess : IDisposable
{
    /// <summary>The file name of the worker host, which must sit next to Weave.Primitives.dll.</summary>
    internal const string HostFileName = "Weave.WorkerHost.dll";

    private static readonly ConcurrentDictionary<HostProcess, bool> s_live = new();
    private static readonly Lazy<(string Dotnet, string[] Arguments)> s_commands = new(FindCommands);
    private static int s_pipeCount;

    private readonly Process _process;
    private readonly NamedPipeServerStream _pipe;

    static HostProcess() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (HostProcess worker in s_live.Keys)
        {
            if (worker.KillOnExit)
            {
                worker.Kill();
            }
        }
    };

    /// <summary>Whether this process is killed when the parent exits (pool workers, daemon processes: true).</summary>
    internal bool KillOnExit { get; set; } = true;

    private HostProcess(Process process, NamedPipeServerStream pipe)
    {
        _process = process;
        _pipe = pipe;
        Id = process.Id;
    }

    /// <summary>The child's process id.</summary>
    internal int Id { get; }

    /// <summary>Whether the child has exited.</summary>
    internal bool HasExited
    {
        get
        {
            try
            {
                return _process.HasExited;
            }
            catch (InvalidOperationException)
            {
                return true;
            }
        }
    }

    /// <summary>The child's exit code, or null while it runs.</summary>
    internal int? ExitCode => HasExited ? _process.ExitCode : null;

    /// <summary>Starts a worker process; <paramref name="exited"/> is called (on a pool thread) when it exits for any reason.</summary>
    /// <exception cref="FileNotFoundException">The worker host is not next to Weave.Primitives.dll.</exception>
    internal static HostProcess Start(Action<HostProcess> exited)
    {
        (string dotnet, string[] arguments) = s_commands.Value;
        string pipeName = $"weave-{Environment.ProcessId}-{Interlocked.Increment(ref s_pipeCount)}";
        var pipe = new NamedPipeServerStream(pipeName, PipeDirection.InOut, 1, PipeTransmissionMode.Byte, PipeOptions.Asynchronous);
        var info = new ProcessStartInfo(dotnet)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
        };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.ArgumentList.Add(pipeName);
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        HostProcess? worker = null;
        int reported = 0;
        void ReportExit()
        {
            if (worker is not null && Interlocked.Exchange(ref reported, 1) == 0)
            {
                s_live.TryRemove(worker, out _);
                exited(worker);
            }
        }

        process.Exited += (_, _) => ReportExit();
        try
        {
            process.Start();
        }
        catch
        {
            pipe.Dispose();
            process.Dispose();
            throw;
        }

        worker = new HostProcess(process, pipe);
        s_live[worker] = true;
        if (worker.HasExited)
        {
            ReportExit(); // It exited before the handler could see the worker.
        }

        return worker;
    }

    /// <summary>Waits for the child to connect.</summary>
    /// <exception cref="IOException">The child exited first, or did not connect in time.</exception>
    internal void WaitUntilConnected(TimeSpan timeout)
    {
        Task connected = _pipe.WaitForConnectionAsync();
        Task exited = _process.WaitForExitAsync();
        int first = Task.WaitAny([connected, exited], timeout);
        if (first == 0 && connected.IsCompletedSuccessfully)
        {
            return;
        }

        throw first switch
        {
            0 => new IOException($"Worker process {Id} could not connect.", connected.Exception?.InnerException),
            1 => new IOException($"Worker process {Id} exited with code {ExitCode} before it connected (see its output above)."),
            _ => new IOException($"Worker process {Id} did not connect within {timeout.TotalSeconds:0} s."),
        };
    }

    /// <summary>Sends a request and waits for the response.</summary>
    /// <exception cref="IOException">The child died or closed the pipe.</exception>
    internal WorkerResponse Call(WorkerRequest request)
    {
        Frames.Write(_pipe, ProcessJson.Serialize(request));
        byte[] frame = Frames.Read(_pipe)
            ?? throw new EndOfStreamException($"Worker process {Id} closed its pipe (exit code {ExitCode?.ToString() ?? "unknown"}).");
        return ProcessJson.Deserialize<WorkerResponse>(frame);
    }

    /// <summary>Asks the child to exit after its current request and waits for it; kills it if it does not exit in time.</summary>
    internal void RequestExit(TimeSpan timeout)
    {
        try
        {
            Frames.Write(_pipe, ProcessJson.Serialize(new WorkerRequest(0, null, [])));
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // Already gone.
        }

        if (!_process.WaitForExit(timeout))
        {
            Kill();
        }
    }

    /// <summary>Kills the child (and anything it started). Harmless when it has exited.</summary>
    internal void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            // Exited already.
        }
    }

    /// <summary>Sends SIGTERM (Python's <c>terminate()</c>); on Windows, kills. Harmless when it has exited.</summary>
    internal void Terminate()
    {
        if (OperatingSystem.IsWindows() || HasExited)
        {
            Kill();
            return;
        }

        _ = SendSignal(Id, SignalTerm);
    }

    /// <summary>SIGTERM's number (POSIX).</summary>
    internal const int SignalTerm = 15;

    /// <summary>SIGKILL's number (POSIX).</summary>
    internal const int SignalKill = 9;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    /// <summary>Waits for the child to exit.</summary>
    internal bool WaitForExit(TimeSpan timeout) => _process.WaitForExit(timeout);

    /// <inheritdoc/>
    public void Dispose()
    {
        s_live.TryRemove(this, out _);
        _pipe.Dispose();
        _process.Dispose();
    }

    private static (string Dotnet, string[] Arguments) FindCommands()
    {
        string library = typeof(HostProcess).Assembly.Location;
        string host = Path.Combine(Path.GetDirectoryName(library) ?? AppContext.BaseDirectory, HostFileName);
        if (!File.Exists(host))
        {
            throw new FileNotFoundException(
                $"{HostFileName} is not next to {Path.GetFileName(library)} in {Path.GetDirectoryName(library)}; " +
                "it is copied there by Weave.Primitives' build (reference the project or package, not the bare dll).", host);
        }

        // A package reference copies the host's dll but not its runtimeconfig.json: then describe the
        // runtime this process runs on in a file of our own.
        string runtimeConfig = Path.ChangeExtension(host, ".runtimeconfig.json");
        string[] arguments = [host];
        if (!File.Exists(runtimeConfig))
        {
            runtimeConfig = Path.Combine(Path.GetTempPath(), $"Weave.WorkerHost.{Environment.Version}.runtimeconfig.json");
            File.WriteAllText(runtimeConfig, $$"""{ "runtimeOptions": { "tfm": "net{{Environment.Version.Major}}.{{Environment.Version.Minor}}", "rollForward": "Major", "framework": { "name": "Microsoft.NETCore.App", "version": "{{Environment.Version.Major}}.{{Environment.Version.Minor}}.0" } } }""");
            arguments = ["exec", "--runtimeconfig", runtimeConfig, host];
        }

        string executable = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        string? fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (File.Exists(fromSdk))
        {
            return (fromSdk, arguments);
        }

        if (Path.GetFileName(Environment.ProcessPath) == executable)
        {
            return (Environment.ProcessPath!, arguments);
        }

        // <root>/shared/Microsoft.NETCore.App/<version>/ → <root>/dotnet
        string root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        string candidate = Path.Combine(root, executable);
        return (File.Exists(candidate) ? candidate : executable, arguments);
    }
}
