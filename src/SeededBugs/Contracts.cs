using System.Diagnostics.CodeAnalysis;
using Weave.Primitives;

namespace Weave.SystematicTests.SeededBugs;

// The small surfaces the catalog's scenarios are written against, so each scenario runs both on a
// buggy variant and on Weave's real primitive (the correct twin), unchanged.

internal interface ICondition
{
    void Acquire();

    void Release();

    bool Wait();

    bool Wait(TimeSpan timeout);

    bool Wait(CancellationToken token);

    void Notify(int n = 1);

    void NotifyAll();
}

internal interface ISemaphore
{
    bool Acquire(TimeSpan timeout);

    void Acquire(CancellationToken token);

    void Release(int n = 1);

    int CurrentCount { get; }
}

internal interface IEvent
{
    int WaitingThreads { get; }

    void Set();

    void Clear();

    bool Wait();
}

internal interface IBarrier
{
    int Wait();

    int Wait(TimeSpan timeout);
}

internal interface IQueue
{
    int MaxSize { get; set; }

    int Count { get; }

    void Put(int item);

    bool TryPut(int item);

    int Get();

    bool TryGet([MaybeNullWhen(false)] out int item, TimeSpan timeout);

    void TaskDone();

    void Join();

    void Shutdown();
}

/// <summary>Weave's real primitives behind the scenario surfaces.</summary>
internal static class Real
{
    public static ICondition Condition(ILock? lk = null) => new RealCondition(lk is null ? new Condition() : new Condition(lk));

    public static ISemaphore Semaphore(int initial, int? bound = null) =>
        bound is int b
            ? new RealSemaphore(new BoundedSemaphore(b), take: b - initial)
            : new RealSemaphore(new CountingSemaphore(initial), take: 0);

    public static IEvent Event() => new RealEvent(new Event());

    public static IBarrier Barrier(int parties, Action? action = null) => new RealBarrier(new CyclicBarrier(parties, action));

    public static IQueue Queue(int maxSize = 0) => new RealQueue(new FifoQueue<int>(maxSize));

    private sealed class RealCondition(Condition condition) : ICondition
    {
        public void Acquire() => condition.Acquire();

        public void Release() => condition.Release();

        public bool Wait() => condition.Wait();

        public bool Wait(TimeSpan timeout) => condition.Wait(timeout);

        public bool Wait(CancellationToken token) => condition.Wait(token);

        public void Notify(int n = 1) => condition.Notify(n);

        public void NotifyAll() => condition.NotifyAll();
    }

    private sealed class RealSemaphore : ISemaphore
    {
        private readonly CountingSemaphore _semaphore;

        public RealSemaphore(CountingSemaphore semaphore, int take)
        {
            _semaphore = semaphore;
            for (int i = 0; i < take; i++)
            {
                semaphore.Acquire(); // A bounded semaphore starts full: take it down to the initial value.
            }
        }

        public int CurrentCount => _semaphore.CurrentCount;

        public bool Acquire(TimeSpan timeout) => _semaphore.Acquire(timeout);

        public void Acquire(CancellationToken token) => _semaphore.Acquire(token);

        public void Release(int n = 1) => _semaphore.Release(n);
    }

    private sealed class RealEvent(Event evt) : IEvent
    {
        public int WaitingThreads => evt.WaitingThreads;

        public void Set() => evt.Set();

        public void Clear() => evt.Clear();

        public bool Wait() => evt.Wait();
    }

    private sealed class RealBarrier(CyclicBarrier barrier) : IBarrier
    {
        public int Wait() => barrier.Wait();

        public int Wait(TimeSpan timeout) => barrier.Wait(timeout);
    }

    private sealed class RealQueue(FifoQueue<int> queue) : IQueue
    {
        public int MaxSize
        {
            get => queue.MaxSize;
            set => queue.MaxSize = value;
        }

        public int Count => queue.Count;

        public void Put(int item) => queue.Put(item);

        public bool TryPut(int item) => queue.TryPut(item);

        public int Get() => queue.Get();

        public bool TryGet([MaybeNullWhen(false)] out int item, TimeSpan timeout) => queue.TryGet(out item, timeout);

        public void TaskDone() => queue.TaskDone();

        public void Join() => queue.Join();

        public void Shutdown() => queue.Shutdown();
    }
}
