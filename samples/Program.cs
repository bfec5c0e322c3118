using System.Diagnostics;
using Weave.Samples;

// The seed tutorial's examples, each runnable on its own:
//   dotnet run --project samples                 runs every sample (CI's smoke test)
//   dotnet run --project samples -- <name>...    runs the named samples
//   dotnet run --project samples -- --list       lists them
ISample[] samples =
[
    new ThreadLocalSample(),
    new CreateThreadsSample(),
    new ThreadSubclassSample(),
    new DaemonThreadSample(),
    new ConditionDialogueSample(),
    new SemaphoreSpiderSample(),
    new EventStartSignalSample(),
    new QueueTaskDoneSample(),
    new ProducerConsumerSample(),
    new FuturesSample(),
    new ProcessPoolExecutorSample(),
    new ProcessPoolSample(),
    new ProcessQueueSample(),
    new PipeSample(),
    new ManagerSample(),
];

if (args is ["--list"])
{
    foreach (ISample sample in samples)
    {
        Console.WriteLine($"{sample.Name,-20} {sample.Seed}");
    }

    return 0;
}

var unknown = args.Where(name => samples.All(s => s.Name != name)).ToList();
if (unknown.Count > 0)
{
    Console.Error.WriteLine($"Unknown sample(s): {string.Join(", ", unknown)}. Use --list to see them.");
    return 2;
}

int failures = 0;
foreach (ISample sample in samples.Where(s => args.Length == 0 || args.Contains(s.Name)))
{
    Console.WriteLine($"=== {sample.Name}: {sample.Seed}");
    var stopwatch = Stopwatch.StartNew();
    try
    {
        sample.Run();
        Console.WriteLine($"=== {sample.Name} finished in {stopwatch.Elapsed.TotalSeconds:0.00} s");
    }
    catch (Exception e)
    {
        failures++;
        Console.Error.WriteLine($"=== {sample.Name} FAILED: {e}");
    }

    Console.WriteLine();
}

return failures == 0 ? 0 : 1;
