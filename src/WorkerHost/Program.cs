using System.Reflection;

// The worker host: loads Weave.Primitives.dll from this directory and runs its worker loop
// (Weave.Primitives.ProcessWorker.Run). Everything else lives in the library, so the
// host never changes when the protocol does.
string directory = AppContext.BaseDirectory;
string library = Path.Combine(directory, "Weave.Primitives.dll");
if (!File.Exists(library))
{
    Console.Error.WriteLine($"Weave.WorkerHost: Weave.Primitives.dll is not in {directory}.");
    return 70;
}

Type? worker = Assembly.LoadFrom(library).GetType("Weave.Primitives.ProcessWorker", throwOnError: false);
MethodInfo? run = worker?.GetMethod("Run", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static);
if (run is null)
{
    Console.Error.WriteLine($"Weave.WorkerHost: {library} has no worker entry point (version mismatch?).");
    return 70;
}

return (int)run.Invoke(null, [args])!;
