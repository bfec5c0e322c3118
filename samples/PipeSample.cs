using Weave.Primitives;

namespace Weave.Samples;

/// <summary>
/// Seed "进程间通信 Pipe", as the seed writes it: <c>send_pipe, recv_pipe = Pipe()</c>, a producer process and a
/// consumer process started with one end each, then joined.
/// </summary>
internal sealed class PipeSample : ISample
{
    public string Name => "pipe";

    public string Seed => "multiprocessing.Pipe: Process(target=producer, args=(send_pipe,)) and a consumer process";

    public void Run()
    {
        (Connection sendPipe, Connection recvPipe) = Pipe.Create();
        var producer = new WorkerProcess(Producer, [sendPipe]);
        var consumer = new WorkerProcess(Consumer, [recvPipe]);

        producer.Start();
        consumer.Start();
        producer.Join();
        consumer.Join();
        Console.WriteLine($"producer exit code {producer.ExitCode}, consumer exit code {consumer.ExitCode}");
    }

    private static void Producer(Connection pipe) => pipe.Send("a");

    private static void Consumer(Connection pipe) => Console.WriteLine($"{pipe.Recv<string>()} (printed by process {Environment.ProcessId})");
}
