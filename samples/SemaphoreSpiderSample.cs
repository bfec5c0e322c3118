using Weave.Primitives;

namespace Weave.Samples;

/// <summary>
/// Seed "Semaphore": a producer starts 20 spider threads but a semaphore of 3 lets only three
/// crawl at once; each spider releases its permit when done. (The seed sleeps 2 s; 0.1 s here.)
/// </summary>
internal sealed class SemaphoreSpiderSample : ISample
{
    private static readonly TimeSpan s_crawl = TimeSpan.FromMilliseconds(100);

    public string Name => "semaphore-spider";

    public string Seed => "Semaphore: UrlProducer + HtmlSpider limited to 3 at a time";

    public void Run()
    {
        var sem = new CountingSemaphore(3);
        var stats = new CrawlStats();
        var producer = new UrlProducer(sem, stats);
        producer.Start();
        producer.Join();
        producer.Spiders.ForEach(s => s.Join());
        Console.WriteLine($"{producer.Spiders.Count} pages crawled; at most {stats.MaxConcurrent} spiders ran at once");
        if (stats.MaxConcurrent > 3)
        {
            throw new InvalidOperationException("The semaphore let more than 3 spiders run at once.");
        }
    }

    private sealed class CrawlStats
    {
        private int _running;
        private int _maxConcurrent;

        public int MaxConcurrent => Volatile.Read(ref _maxConcurrent);

        public void Enter()
        {
            int now = Interlocked.Increment(ref _running);
            int seen;
            while (now > (seen = Volatile.Read(ref _maxConcurrent)) &&
                   Interlocked.CompareExchange(ref _maxConcurrent, now, seen) != seen)
            {
            }
        }

        public void Exit() => Interlocked.Decrement(ref _running);
    }

    private sealed class HtmlSpider(string url, CountingSemaphore sem, CrawlStats stats) : WorkerThread
    {
        protected override void Run()
        {
            stats.Enter();
            Thread.Sleep(s_crawl); // Simulated download.
            Console.WriteLine($"{Name}: success! ({url})");
            stats.Exit();
            sem.Release();
        }
    }

    private sealed class UrlProducer(CountingSemaphore sem, CrawlStats stats) : WorkerThread(name: "url_producer")
    {
        public List<HtmlSpider> Spiders { get; } = [];

        protected override void Run()
        {
            for (int i = 0; i < 20; i++)
            {
                sem.Acquire();
                var spider = new HtmlSpider($"https://example.org/page/{i}", sem, stats);
                Spiders.Add(spider);
                spider.Start();
            }
        }
    }
}
