using Weave.Harness;

namespace Consumer;

/// <summary>What a user does with the packages: find a bug systematically, replay it, check a history.</summary>
public sealed class QueueTests
{
    private static readonly SystematicOptions s_options = new() { Iterations = 300, Seed = 7 };

    // Two takers and two producers on a queue of one slot.
    private static Action Scenario(bool buggy) => () =>
    {
        var queue = new BoundedQueue<int>(1, waitUnderIf: buggy);
        var threads = new[]
        {
            new Thread(() => queue.Put(1)), new Thread(() => queue.Put(2)),
            new Thread(() => queue.Take()), new Thread(() => queue.Take()),
        };
        foreach (var t in threads)
        {
            t.Start();
        }

        foreach (var t in threads)
        {
            t.Join();
        }
    };

    [Fact]
    public void BuggyQueue_IsFoundWithAScheduleAndAReplayCommand()
    {
        SystematicReport report = Systematic.Explore(Scenario(buggy: true), s_options);

        Assert.True(report.BugFound, report.ToString());
        Assert.True(File.Exists(report.ScheduleFile), report.ScheduleFile);
        Assert.Contains("WEAVE_REPLAY=", report.ReplayCommand, StringComparison.Ordinal);
        Assert.StartsWith(Path.Combine(ProjectDirectory(), "artifacts", "schedules"), report.ScheduleFile, StringComparison.Ordinal); // Under this project, nowhere else.
    }

    [Fact]
    public void BuggyQueue_ScheduleReplaysTheSameBug()
    {
        SystematicReport found = Systematic.Explore(Scenario(buggy: true), s_options);
        SystematicReport replay = Systematic.Replay(found.ScheduleFile!, Scenario(buggy: true));

        Assert.True(replay.BugFound, replay.ToString());
        Assert.Equal(1, replay.Iterations);
        Assert.Contains("BoundedQueue.cs", replay.Interleaving, StringComparison.Ordinal);
    }

    [Fact]
    public void FixedQueue_IsClean() => Systematic.Check(Scenario(buggy: false), s_options);

    [Fact]
    public void RecordedHistory_IsLinearizable_AndAForgedOneIsNot()
    {
        var queue = new BoundedQueue<int>(4);
        var history = new History<QueueOp<int>, QueueResult<int>>();
        var producer = new Thread(() =>
        {
            for (int i = 0; i < 50; i++)
            {
                var call = history.Invoke(0, QueueOp<int>.Put(i));
                queue.Put(i);
                call.Return(QueueResult<int>.Ok);
            }
        });
        producer.Start();
        for (int i = 0; i < 50; i++)
        {
            var call = history.Invoke(1, QueueOp<int>.Get());
            call.Return(QueueResult<int>.Got(queue.Take()));
        }

        producer.Join();
        Assert.True(Linearizability.Check(new QueueSpec<int>(QueueKind.Fifo, 4), history).IsLinearizable);

        var forged = new List<HistoryEntry<QueueOp<int>, QueueResult<int>>>
        {
            new(0, 0, QueueOp<int>.Put(1), QueueResult<int>.Ok, 1, 2),
            new(1, 1, QueueOp<int>.Get(), QueueResult<int>.Got(2), 3, 4),
        };
        Assert.True(Linearizability.Check(new QueueSpec<int>(), forged).IsViolation);
    }

    private static string ProjectDirectory()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && dir.GetFiles("*.csproj").Length == 0)
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("No project folder above the test assembly.");
    }

    /// <summary>The failing test a user would write (run on its own by .ci/consumer, which then runs the replay command it prints).</summary>
    [Fact]
    [Trait("Category", "Demo")]
    public void Demo_BuggyQueue_FailsWithTheReplayCommand() => Systematic.Check(Scenario(buggy: true), s_options);
}
