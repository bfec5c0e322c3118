using System.Collections.Concurrent;
using Xunit.Sdk;

namespace Weave.Primitives.Tests;

/// <summary>
/// Starts <c>count</c> raw threads running <c>body(index)</c> and tracks how many have started and
/// finished; exceptions are collected and rethrown by <see cref="WaitForFinished"/>. The counterpart
/// of lock_tests.py's Bunch. Raw <see cref="Thread"/>s keep the tests independent of WorkerThread.
/// </summary>
internal sealed class Bunch
{
    private readonly Thread[] _threads;
    private readonly ConcurrentQueue<Exception> _errors = new();
    private int _started;
    private int _finished;

    public Bunch(int count, Action<int> body, bool waitForStart = true)
    {
        _threads = new Thread[count];
        for (int i = 0; i < count; i++)
        {
            int index = i;
            _threads[i] = new Thread(() =>
            {
                Interlocked.Increment(ref _started);
                try
                {
                    body(index);
                }
                catch (Exception e)
                {
                    _errors.Enqueue(e);
                }
                finally
                {
                    Interlocked.Increment(ref _finished);
                }
            })
            {
                IsBackground = true,
                Name = $"bunch-{index}",
            };
        }

        foreach (Thread thread in _threads)
        {
            thread.Start();
        }

        if (waitForStart)
        {
            Eventually.Equal(count, () => Started, "the number of started threads");
        }
    }

    public int Started => Volatile.Read(ref _started);

    public int Finished => Volatile.Read(ref _finished);

    public IReadOnlyList<Thread> Threads => _threads;

    public IReadOnlyCollection<Exception> Errors => _errors;

    public void WaitForFinished()
    {
        foreach (Thread thread in _threads)
        {
            if (!thread.Join(Eventually.SafetyTimeout))
            {
                throw new XunitException($"Thread {thread.Name} did not finish within {Eventually.SafetyTimeout.TotalSeconds:0} s.");
            }
        }

        if (!_errors.IsEmpty)
        {
            throw new AggregateException("A thread of the bunch failed.", _errors);
        }
    }
}
