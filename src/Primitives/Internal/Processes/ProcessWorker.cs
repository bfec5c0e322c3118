using System.IO.Pipes;

namespace Weave.Primitives;

/// <summary>
/// The worker process's side (run by Weave.WorkerHost): connects to the pipe its parent named,
/// then runs requests one at a time until told to exit or the parent goes away. User code's console
/// output goes to the inherited console, as with Python's child processes.
/// </summary>
internal static class ProcessWorker
{
    /// <summary>Exit code when the host was started without a pipe name.</summary>
    internal const int UsageExitCode = 64;

    /// <summary>Exit code of a <see cref="WorkerProcess"/> whose target threw (Python's 1).</summary>
    internal const int FailureExitCode = 1;

    /// <summary>The worker loop. <c>args[0]</c> is the pipe to connect to.</summary>
    internal static int Run(string[] args)
    {
        if (args.Length < 1)
        {
            Console.Error.WriteLine("usage: dotnet Weave.WorkerHost.dll <pipe-name> (started by Weave.Primitives, not by hand)");
            return UsageExitCode;
        }

        ExitWhenParentGoesAway();
        using var pipe = new NamedPipeClientStream(".", args[0], PipeDirection.InOut, PipeOptions.None);
        pipe.Connect(TimeSpan.FromSeconds(30));
        while (Frames.Read(pipe) is byte[] frame)
        {
            WorkerRequest request = ProcessJson.Deserialize<WorkerRequest>(frame);
            if (request.Target is null)
            {
                return 0; // Orderly exit (the pool's sentinel).
            }

            byte[] response;
            try
            {
                response = ProcessJson.Serialize(Execute(request));
            }
            catch (Exception e) when (e is InvalidOperationException or NotSupportedException or System.Text.Json.JsonException)
            {
                response = ProcessJson.Serialize(new WorkerResponse(request.Id, null, RemoteError.From(e))); // A result that cannot be serialised.
            }

            Frames.Write(pipe, response);
            if (request.Once)
            {
                // A WorkerProcess's target: done. As CPython's child: print what escaped it, exit 1.
                WorkerResponse answered = ProcessJson.Deserialize<WorkerResponse>(response);
                if (answered.Error is { } error)
                {
                    Console.Error.WriteLine($"Process {request.ProcessName}:");
                    Console.Error.WriteLine($"{error.Type}: {error.Message}");
                    Console.Error.WriteLine(error.StackTrace);
                    Console.Error.Flush();
                    return FailureExitCode;
                }

                Console.Out.Flush();
                return 0;
            }
        }

        return 0; // The parent closed the pipe.
    }

    private static WorkerResponse Execute(WorkerRequest request)
    {
        try
        {
            var results = new System.Text.Json.JsonElement[request.Calls.Length];
            for (int i = 0; i < results.Length; i++)
            {
                results[i] = request.Target!.Invoke(request.Calls[i]);
            }

            return new WorkerResponse(request.Id, results, null);
        }
        catch (Exception e)
        {
            return new WorkerResponse(request.Id, null, RemoteError.From(e));
        }
    }

    /// <summary>
    /// The parent holds the write end of this process's standard input for as long as it wants the
    /// worker; when the parent exits or is killed that end closes, and the worker exits too even in
    /// the middle of user code (no orphans).
    /// </summary>
    private static void ExitWhenParentGoesAway()
    {
        var watcher = new Thread(() =>
        {
            using Stream stdin = Console.OpenStandardInput();
            byte[] buffer = new byte[64];
            try
            {
                while (stdin.Read(buffer) > 0)
                {
                }
            }
            catch (IOException)
            {
            }

            Environment.Exit(0);
        })
        {
            IsBackground = true,
            Name = "Weave parent watch",
        };
        watcher.Start();
    }
}
