using System.Diagnostics;
using Weave.Primitives;

namespace Weave.Samples;

/// <summary>Seed "derive a Thread subclass and override run": WorkerThread subclasses overriding Run.</summary>
internal sealed class ThreadSubclassSample : ISample
{
    private static readonly TimeSpan s_work = TimeSpan.FromMilliseconds(200);

    public string Name => "thread-subclass";

    public string Seed => "Thread subclass overriding run()";

    public void Run()
    {
        var thread1 = new GetDetailHtml("get_detail_html");
        var thread2 = new GetDetailUrl("get_detail_url");
        var stopwatch = Stopwatch.StartNew();
        thread1.Start();
        thread2.Start();
        thread1.Join();
        thread2.Join();
        Console.WriteLine($"last time: {stopwatch.Elapsed.TotalSeconds:0.000} s");
    }

    private sealed class GetDetailHtml(string name) : WorkerThread(name: name)
    {
        protected override void Run()
        {
            Console.WriteLine($"{Name}: get detail html started");
            Thread.Sleep(s_work);
            Console.WriteLine($"{Name}: get detail html end");
        }
    }

    private sealed class GetDetailUrl(string name) : WorkerThread(name: name)
    {
        protected override void Run()
        {
            Console.WriteLine($"{Name}: get detail url started");
            Thread.Sleep(s_work);
            Console.WriteLine($"{Name}: get detail url end");
        }
    }
}
