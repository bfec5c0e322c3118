using Weave.Harness;

namespace Weave.Cli.Tests;

public sealed class CheckCommandTests
{
    [Fact]
    public void Check_LinearizableQueueHistory_ExitsZero()
    {
        string file = QueueHistory(getReturns: 1);

        (int exit, string text) = WeaveProcess.Run("check", file, "--model", "queue");

        Assert.True(exit == 0, text);
        Assert.Contains("Linearizable", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_Violation_ExitsOneAndWritesHtml()
    {
        string file = QueueHistory(getReturns: 2); // 2 was never put.
        string html = Path.Combine(Path.GetDirectoryName(file)!, "timeline.html");

        (int exit, string text) = WeaveProcess.Run("check", file, "--model", "queue", "--html", html);

        Assert.True(exit == 1, text);
        Assert.Contains("Not linearizable", text, StringComparison.Ordinal);
        Assert.Contains("<svg", File.ReadAllText(html), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_LockHistory_TwoOverlappingAcquiresBothWin_IsAViolation()
    {
        var calls = new List<HistoryEntry<LockOp, bool>>
        {
            new(0, 0, LockOp.Acquire(0), true, 1, 4),
            new(1, 1, LockOp.Acquire(1), true, 2, 3),
        };
        string file = Path.Combine(WeaveProcess.TempDirectory(), "lock.json");
        HistoryJson.Write(calls, file);

        (int exit, string text) = WeaveProcess.Run("check", file, "--model", "lock");

        Assert.True(exit == 1, text);
    }

    [Fact]
    public void Check_UnknownModel_Fails()
    {
        (int exit, string text) = WeaveProcess.Run("check", QueueHistory(1), "--model", "stack");

        Assert.Equal(2, exit);
        Assert.Contains("Unknown model 'stack'", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_MissingFile_ExitsTwo()
    {
        (int exit, string text) = WeaveProcess.Run("check", "no-such-history.json", "--model", "queue");

        Assert.Equal(2, exit);
        Assert.Contains("does not exist", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_CorruptJson_ExitsTwo()
    {
        string file = Path.Combine(WeaveProcess.TempDirectory(), "corrupt.json");
        File.WriteAllText(file, "{ \"format\": \"weave-history/1\", \"calls\": [ { \"id\": ");

        (int exit, string text) = WeaveProcess.Run("check", file, "--model", "queue");

        Assert.Equal(2, exit);
        Assert.Contains("corrupt.json", text, StringComparison.Ordinal);
    }

    // put(1) on thread 0, then a get on thread 1 that returned getReturns.
    private static string QueueHistory(int getReturns)
    {
        var calls = new List<HistoryEntry<QueueOp<int>, QueueResult<int>>>
        {
            new(0, 0, QueueOp<int>.Put(1), QueueResult<int>.Ok, 1, 2),
            new(1, 1, QueueOp<int>.Get(), QueueResult<int>.Got(getReturns), 3, 4),
        };
        string file = Path.Combine(WeaveProcess.TempDirectory(), "queue.json");
        HistoryJson.Write(calls, file);
        return file;
    }
}
