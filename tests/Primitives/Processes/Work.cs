using System.Diagnostics;

namespace Weave.Primitives.Tests.Processes;

/// <summary>Static methods the process tests send to worker processes (work crosses as a method plus arguments).</summary>
public static class Work
{
    /// <summary>Generous: a worker process starts in well under a second, but CI boxes are loaded.</summary>
    public static readonly TimeSpan Long = TimeSpan.FromSeconds(60);

    public static int ProcessId() => Environment.ProcessId;

    public static int Square(int x) => x * x;

    public static string Concat(string a, int b) => a + b;

    public static int FailOn(int x, int bad) =>
        x == bad ? throw new InvalidOperationException($"bad item {x}") : x;

    public static void Fail(string message) => throw new WorkFailedException(message);

    /// <summary>Tells the test it started (its process id), then waits until the test closes <paramref name="control"/>.</summary>
    public static int StartedThenWaitForClose(Connection control)
    {
        control.Send(Environment.ProcessId);
        try
        {
            control.RecvBytes(); // Nothing is ever sent: returns only at the end of the stream.
        }
        catch (EndOfStreamException)
        {
        }

        return Environment.ProcessId;
    }

    /// <summary>Waits for one message on <paramref name="gate"/>, then returns <paramref name="value"/>.</summary>
    public static int AfterGate(Connection gate, int value)
    {
        gate.RecvBytes();
        return value;
    }

    /// <summary>Echoes every message back reversed until the other end closes; returns how many.</summary>
    public static int EchoReversed(Connection connection)
    {
        int count = 0;
        while (true)
        {
            byte[] message;
            try
            {
                message = connection.RecvBytes();
            }
            catch (EndOfStreamException)
            {
                return count;
            }

            Array.Reverse(message);
            connection.SendBytes(message);
            count++;
        }
    }

    public static void SendNumbers(Connection connection, int count)
    {
        for (int i = 0; i < count; i++)
        {
            connection.Send(i);
        }

        connection.Close();
    }

    public static void Produce(ProcessQueue<(int Producer, int Index)> queue, int producer, int count)
    {
        for (int i = 0; i < count; i++)
        {
            queue.Put((producer, i));
        }
    }

    /// <summary>Takes <paramref name="count"/> items, marking each done; returns their sum.</summary>
    public static int ConsumeAndMarkDone(ProcessQueue<int> queue, int count)
    {
        int sum = 0;
        for (int i = 0; i < count; i++)
        {
            sum += queue.Get(Long);
            queue.TaskDone();
        }

        return sum;
    }

    public static void TaskDoneOnce(ProcessQueue<int> queue) => queue.TaskDone();

    public static int GetOne(ProcessQueue<int> queue) => queue.Get(Long);

    /// <summary>Reports its process id, then waits in Get (until the test kills this process).</summary>
    public static int ReportThenGet(Connection report, ProcessQueue<int> queue)
    {
        report.Send(Environment.ProcessId);
        return queue.Get();
    }

    /// <summary>
    /// Starts a pool of its own (this process is then a parent), reports the inner worker's id and
    /// keeps it busy; the test kills this process and checks the inner worker does not outlive it.
    /// </summary>
    public static void StartInnerPoolAndReport(Connection report)
    {
        var inner = new ProcessPoolExecutor(maxWorkers: 1);
        inner.Submit(RunForever);
        report.Send(inner.ProcessIds[0]);
        RunForever();
    }

    public static void RunForever() => Thread.Sleep(Timeout.Infinite); // Work that never ends; the test kills it.

    /// <summary>Whether process <paramref name="pid"/> is gone within <paramref name="timeout"/>.</summary>
    public static bool ExitsWithin(int pid, TimeSpan timeout)
    {
        Process process;
        try
        {
            process = Process.GetProcessById(pid);
        }
        catch (ArgumentException)
        {
            return true; // Already gone.
        }

        using (process)
        {
            return process.WaitForExit(timeout);
        }
    }

    public static void Kill(int pid)
    {
        using var process = Process.GetProcessById(pid);
        process.Kill();
    }
}

/// <summary>A test-defined exception type: it must come back from a worker as itself.</summary>
public sealed class WorkFailedException(string message) : Exception(message);
