using Weave.Primitives;

namespace Weave.Samples;

/// <summary>
/// Seed "setDaemon()": a daemon thread does not keep the program alive; a non-daemon thread does,
/// so the main thread joins it. A daemon WorkerThread is a .NET background thread.
/// </summary>
internal sealed class DaemonThreadSample : ISample
{
    public string Name => "daemon-thread";

    public string Seed => "join() and setDaemon(): daemon threads are not waited for";

    public void Run()
    {
        var neverSet = new Event();

        // Would wait forever; as a daemon it is simply abandoned when the program exits.
        var daemon = new WorkerThread(() => neverSet.Wait(), name: "daemon", isDaemon: true);
        daemon.Start();

        var worker = new WorkerThread(() => Console.WriteLine("non-daemon worker: done"), name: "worker", isDaemon: false);
        worker.Start();
        worker.Join();

        Console.WriteLine($"{daemon.Name}: daemon={daemon.IsDaemon}, alive={daemon.IsAlive} (left running; it will not block exit)");
        Console.WriteLine($"{worker.Name}: daemon={worker.IsDaemon}, alive={worker.IsAlive}");
    }
}
