namespace Weave.Primitives.Tests.Processes;

/// <summary>Targets the WorkerProcess and Manager tests run in child processes (static methods: work crosses by name).</summary>
public static class ProcessWork
{
    public static void SendPid(Connection connection) => connection.Send(Environment.ProcessId);

    public static void Throw(string message) => throw new WorkFailedException(message);

    /// <summary>Never returns on its own (until its process is ended): waits for a message nobody sends.</summary>
    public static void WaitForever(Connection connection)
    {
        connection.Send(Environment.ProcessId);
        connection.RecvBytes();
        connection.RecvBytes();
    }

    /// <summary>Starts a daemonic grandchild that never ends, reports its pid, and returns: this process then exits.</summary>
    public static void StartDaemonGrandchild(Connection report)
    {
        (Connection mine, Connection theirs) = Pipe.Create();
        var grandchild = new WorkerProcess(WaitForever, [theirs], isDaemon: true);
        grandchild.Start();
        report.Send(mine.Recv<int>());
    }

    /// <summary>Adds 1 to the shared counter <paramref name="times"/> times, holding the lock when <paramref name="locked"/>.</summary>
    public static void Increment(SharedValue<int> counter, SharedLock guard, int times, bool locked)
    {
        for (int i = 0; i < times; i++)
        {
            if (locked)
            {
                using (guard.EnterScope())
                {
                    counter.Value += 1;
                }
            }
            else
            {
                counter.Value += 1;
            }
        }
    }

    public static void FillShared(SharedDictionary<string, int> dict, SharedList<string> list, int pid)
    {
        dict[$"from-{pid}"] = pid;
        list.Add($"child {pid}");
    }

    public static void SetAfterWait(SharedEvent started, SharedEvent done)
    {
        started.Set();
        done.Wait();
    }

    public static int PutInManagerQueue(ProcessQueue<int> queue, int value)
    {
        queue.Put(value);
        return value;
    }

    /// <summary>Creates a manager in this (child) process, sends one of its objects back, and exits.</summary>
    public static void SendManagedValueThenExit(Connection connection)
    {
        var manager = new Manager();
        connection.Send(manager.Value(41));
        connection.RecvBytes(); // Until the test has it: then this process ends, and the manager with it.
    }

    public static void UseAfterShutdown(SharedValue<int> value) => value.Value = 1;
}

/// <summary>A process subclass: its fields cross to the child, which runs the override.</summary>
public sealed class ReportingProcess : WorkerProcess
{
    public ReportingProcess()
        : base(name: "reporting")
    {
    }

    public Connection? Report { get; set; }

    public string Greeting { get; set; } = "";

    protected override void Run() => Report!.Send($"{Greeting} from {Name} in {Environment.ProcessId}");
}
