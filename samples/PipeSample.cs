using Weave.Primitives;

namespace Weave.Samples;

/// <summary>
/// Seed "进程间通信 Pipe": a producer process sends "a" through one end, a consumer process
/// receives it from the other and prints it.
/// </summary>
internal sealed class PipeSample : ISample
{
    public string Name => "pipe";

    public string Seed => "multiprocessing.Pipe: send in one process, recv in another";

    public void Run()
    {
        (Connection sendPipe, Connection recvPipe) = Pipe.Create();
        using var pool = new ProcessPool(processes: 2);
        AsyncResult<bool> producer = pool.ApplyAsync(Producer, sendPipe);
        AsyncResult<string> consumer = pool.ApplyAsync(Consumer, recvPipe);
        producer.Get();
        Console.WriteLine($"the consumer process received \"{consumer.Get()}\"");
    }

    private static bool Producer(Connection pipe)
    {
        pipe.Send("a");
        return true;
    }

    private static string Consumer(Connection pipe)
    {
        string message = pipe.Recv<string>();
        Console.WriteLine($"{message} (printed by process {Environment.ProcessId})");
        return message;
    }
}
