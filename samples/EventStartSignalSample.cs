using Weave.Primitives;

namespace Weave.Samples;

/// <summary>
/// Seed "Event": two threads wait for an event; the main thread sets it and both go on.
/// (The seed sleeps 2 s before setting; 0.2 s here.)
/// </summary>
internal sealed class EventStartSignalSample : ISample
{
    public string Name => "event-start-signal";

    public string Seed => "Event: threads wait until the main thread sets the event";

    public void Run()
    {
        var evt = new Event();
        void Func()
        {
            Console.WriteLine($"{WorkerThread.Current!.Name} wait for event...");
            evt.Wait();
            Console.WriteLine($"{WorkerThread.Current!.Name} recv event.");
        }

        var t1 = new WorkerThread(Func);
        var t2 = new WorkerThread(Func);
        t1.Start();
        t2.Start();

        Thread.Sleep(TimeSpan.FromMilliseconds(200));
        Console.WriteLine("MainThread set event.");
        evt.Set();
        t1.Join();
        t2.Join();
    }
}
