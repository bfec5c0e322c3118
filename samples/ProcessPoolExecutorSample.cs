using Weave.Primitives;

namespace Weave.Samples;

/// <summary>
/// Seed "ProcessPoolExecutor" (the work-item / call-queue / result-queue diagram): submit and map
/// on worker processes. The executor keeps the work items and their futures here; a manager thread
/// feeds a call queue bounded to the worker count and completes futures from the result queue.
/// </summary>
internal sealed class ProcessPoolExecutorSample : ISample
{
    public string Name => "process-pool-executor";

    public string Seed => "ProcessPoolExecutor: submit, map, the manager thread's queues";

    public void Run()
    {
        using var executor = new ProcessPoolExecutor(maxWorkers: 2);
        Future<long> future = executor.Submit(SumOfSquares, 1_000_000);
        Console.WriteLine($"sum of squares below 1,000,000 = {future.Result()} (computed in process {executor.ProcessIds[0]} or {executor.ProcessIds[1]}, this is {Environment.ProcessId})");

        foreach ((int n, long sum) in executor.Map(static (int n) => (n, SumOfSquares(n)), [10, 100, 1000], chunkSize: 2))
        {
            Console.WriteLine($"map: sum of squares below {n} = {sum}");
        }
    }

    private static long SumOfSquares(int n)
    {
        long sum = 0;
        for (long i = 0; i < n; i++)
        {
            sum += i * i;
        }

        return sum;
    }
}
