using Weave.Primitives;

namespace Weave.Samples;

/// <summary>
/// Seed "Queue": put two items into a queue of size 2, get each and mark it done with TaskDone;
/// Join returns once every item put has been marked done (without TaskDone it would block forever).
/// </summary>
internal sealed class QueueTaskDoneSample : ISample
{
    public string Name => "queue-task-done";

    public string Seed => "Queue: put/get/task_done/join (queue.Queue(2))";

    public void Run()
    {
        var q = new FifoQueue<int>(2);
        q.Put(15);
        q.Put(59);

        Console.WriteLine($"get {q.Get()}");
        q.TaskDone(); // Tell the queue the item taken has been processed.
        Console.WriteLine($"get {q.Get()}");
        q.TaskDone();

        q.Join();
        Console.WriteLine($"joined: unfinished tasks = {q.UnfinishedTasks}");

        // The three orders of the seed's list of queue types.
        foreach (BlockingQueue<int> queue in new BlockingQueue<int>[] { new FifoQueue<int>(), new LifoQueue<int>(), new MinPriorityQueue<int>() })
        {
            queue.Put(111);
            queue.Put(333);
            queue.Put(222);
            Console.WriteLine($"{queue.GetType().Name.Split('`')[0],-16} {queue.Get()} {queue.Get()} {queue.Get()}");
        }
    }
}
