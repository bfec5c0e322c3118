using Weave.Primitives;

namespace Weave.SystematicTests.SeededBugs;

// The surfaces the fault scenarios (interrupts, cancellation) are written against, and Weave's real
// primitives behind them: each fault bug's correct twin is the Weave primitive itself.

internal interface IFaultQueue
{
    void Put(int item);

    int Get(CancellationToken token);

    bool TryGetNow(out int item);

    int Count { get; }

    /// <summary>Ends the round: blocked getters throw <see cref="QueueShutDownException"/>.</summary>
    void Abandon();
}

internal interface IFaultLock
{
    void Acquire();

    void Release();
}

internal interface IFaultEvent
{
    bool IsSet { get; }

    void Set();

    bool Wait();
}

internal interface IFaultCondition
{
    void Acquire();

    void Release();

    void Wait();

    void Notify();
}

internal interface IFaultSemaphore
{
    int CurrentCount { get; }

    void Acquire(CancellationToken token);

    void Release();
}

internal interface IFaultBarrier
{
    int Wait();
}

internal interface IFaultFuture
{
    bool IsDone { get; }

    void SetResult(int value);

    int Result();
}

internal interface IFaultExecutor
{
    int ThreadCount { get; }

    Future<int> Submit(Func<int> function);

    void Shutdown();
}

/// <summary>Weave's real primitives behind the fault surfaces.</summary>
internal static class RealFaults
{
    public static IFaultQueue Queue() => new QueueAdapter(new FifoQueue<int>());

    public static IFaultLock Lock() => new LockAdapter(new PrimitiveLock());

    public static IFaultEvent Event() => new EventAdapter(new Event());

    public static IFaultCondition Condition() => new ConditionAdapter(new Condition(new PrimitiveLock()));

    public static IFaultSemaphore Semaphore(int initial) => new SemaphoreAdapter(new CountingSemaphore(initial));

    public static IFaultBarrier Barrier(int parties) => new BarrierAdapter(new CyclicBarrier(parties));

    public static IFaultFuture Future() => new FutureAdapter(new Future<int>());

    public static IFaultExecutor Executor() => new ExecutorAdapter(new ThreadPoolExecutor(maxWorkers: 1));

    private sealed class QueueAdapter(FifoQueue<int> queue) : IFaultQueue
    {
        public void Put(int item) => queue.Put(item);

        public int Get(CancellationToken token) => queue.Get(token);

        public bool TryGetNow(out int item) => queue.TryGet(out item);

        public int Count => queue.Count;

        public void Abandon() => queue.Shutdown(immediate: true);
    }

    private sealed class LockAdapter(PrimitiveLock inner) : IFaultLock
    {
        public void Acquire() => inner.Acquire();

        public void Release() => inner.Release();
    }

    private sealed class EventAdapter(Event inner) : IFaultEvent
    {
        public bool IsSet => inner.IsSet;

        public void Set() => inner.Set();

        public bool Wait() => inner.Wait();
    }

    private sealed class ConditionAdapter(Condition inner) : IFaultCondition
    {
        public void Acquire() => inner.Acquire();

        public void Release() => inner.Release();

        public void Wait() => inner.Wait();

        public void Notify() => inner.Notify();
    }

    private sealed class SemaphoreAdapter(CountingSemaphore inner) : IFaultSemaphore
    {
        public int CurrentCount => inner.CurrentCount;

        public void Acquire(CancellationToken token) => inner.Acquire(token);

        public void Release() => inner.Release();
    }

    private sealed class BarrierAdapter(CyclicBarrier inner) : IFaultBarrier
    {
        public int Wait() => inner.Wait();
    }

    private sealed class FutureAdapter(Future<int> inner) : IFaultFuture
    {
        public bool IsDone => inner.IsDone;

        public void SetResult(int value) => inner.SetResult(value);

        public int Result() => inner.Result();
    }

    private sealed class ExecutorAdapter(ThreadPoolExecutor inner) : IFaultExecutor
    {
        public int ThreadCount => inner.ThreadCount;

        public Future<int> Submit(Func<int> function) => inner.Submit(function);

        public void Shutdown() => inner.Shutdown();
    }
}
