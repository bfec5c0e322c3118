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
        (int exit, string text) = WeaveProcess.Run("check", QueueHistory(1), "--model", "tree");

        Assert.Equal(2, exit);
        Assert.Contains("Unknown model 'tree'", text, StringComparison.Ordinal);
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

    [Theory]
    [InlineData("register-stale-read.json", "register", 1)]
    [InlineData("register-linearizable.json", "register", 0)]
    [InlineData("kv-lost-write.json", "kv", 1)]
    [InlineData("set-lost-add.json", "set", 1)]
    [InlineData("stack-linearizable.json", "stack", 0)]
    [InlineData("queue-fifo-broken.json", "queue", 1)]
    [InlineData("queue-lost-wakeup.json", "queue", 1)]
    [InlineData("lock-two-owners.json", "lock", 1)]
    [InlineData("semaphore-linearizable.json", "semaphore", 0)]
    [InlineData("event-lost-set.json", "event", 1)]
    public void Check_DocumentedExample_GetsItsVerdict(string file, string model, int expectedExit)
    {
        (int exit, string text) = WeaveProcess.Run("check", Example(file), "--model", model);

        Assert.True(exit == expectedExit, text);
        Assert.Contains(expectedExit == 0 ? "Linearizable" : "Not linearizable", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("jepsen-etcd-linearizable.log", 0)]
    [InlineData("jepsen-etcd-violation.log", 1)]
    [InlineData("jepsen-register.edn", 1)]
    public void Check_JepsenHistory_LoggerLinesAndEdn(string file, int expectedExit)
    {
        (int exit, string text) = WeaveProcess.Run("check", Example(file), "--model", "register", "--format", "jepsen");

        Assert.True(exit == expectedExit, text);
    }

    [Fact]
    public void Check_MisspelledOpField_IsBadInputNamingTheCallAndTheField()
    {
        (int exit, string text) = WeaveProcess.Run("check", Example("misspelled-field.json"), "--model", "register");

        Assert.Equal(2, exit);
        Assert.Contains("call 1, field 'op.arg1'", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_UnknownOpKind_IsBadInput()
    {
        string file = Path.Combine(WeaveProcess.TempDirectory(), "kind.json");
        File.WriteAllText(file, """{ "format": "weave-history/1", "calls": [ { "id": 0, "thread": 0, "op": { "kind": "Frobnicate" }, "result": { "ok": true }, "invoked": 1, "returned": 2, "fault": null } ] }""");

        (int exit, string text) = WeaveProcess.Run("check", file, "--model", "register");

        Assert.Equal(2, exit);
        Assert.Contains("call 0, field 'op.kind'", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ReturnBeforeInvokeAndDuplicateIds_AreBadInput()
    {
        string backwards = Path.Combine(WeaveProcess.TempDirectory(), "backwards.json");
        File.WriteAllText(backwards, """{ "format": "weave-history/1", "calls": [ { "id": 0, "thread": 0, "op": { "kind": "Read" }, "result": { "ok": true }, "invoked": 5, "returned": 2, "fault": null } ] }""");
        string duplicate = Path.Combine(WeaveProcess.TempDirectory(), "duplicate.json");
        File.WriteAllText(duplicate, """{ "format": "weave-history/1", "calls": [ { "id": 3, "thread": 0, "op": { "kind": "Read" }, "result": { "ok": true }, "invoked": 1, "returned": 2, "fault": null }, { "id": 3, "thread": 1, "op": { "kind": "Read" }, "result": { "ok": true }, "invoked": 3, "returned": 4, "fault": null } ] }""");

        (int exit1, string text1) = WeaveProcess.Run("check", backwards, "--model", "register");
        (int exit2, string text2) = WeaveProcess.Run("check", duplicate, "--model", "register");

        Assert.Equal(2, exit1);
        Assert.Contains("returned at 2, before it was invoked at 5", text1, StringComparison.Ordinal);
        Assert.Equal(2, exit2);
        Assert.Contains("3 appears twice", text2, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_KvOperationWithoutAKey_IsBadInput()
    {
        (int exit, string text) = WeaveProcess.Run("check", Example("register-stale-read.json"), "--model", "kv");

        Assert.Equal(2, exit);
        Assert.Contains("field 'op.key'", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_UsersOwnSpec_FromItsAssembly()
    {
        var calls = new List<HistoryEntry<string, int>>
        {
            new(0, 0, "increment", 1, 1, 2),
            new(1, 1, "increment", 1, 3, 4), // A lost update: the second increment also saw 0.
        };
        string file = Path.Combine(WeaveProcess.TempDirectory(), "counter.json");
        HistoryJson.Write(calls, file);
        string spec = $"{typeof(CounterSpec).Assembly.Location}:{typeof(CounterSpec).FullName}";

        (int exit, string text) = WeaveProcess.Run("check", file, "--spec", spec);
        (int missingExit, string missing) = WeaveProcess.Run("check", file, "--spec", $"{typeof(CounterSpec).Assembly.Location}:No.Such.Type");

        Assert.True(exit == 1, text);
        Assert.Contains("increment -> 1  <<", text, StringComparison.Ordinal);
        Assert.Equal(2, missingExit);
        Assert.Contains("has no type 'No.Such.Type'", missing, StringComparison.Ordinal);
    }

    private static string Example(string name) => Path.Combine(WeaveProcess.RepositoryRoot, "docs", "examples", name);

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

/// <summary>A user's own spec, loaded by <c>weave check --spec</c>: a counter whose increments return the new value.</summary>
public sealed class CounterSpec : ISequentialSpec<int, string, int>
{
    public int Initial => 0;

    public (bool Legal, int Next) Step(int state, string op, int result) =>
        op == "increment" ? (result == state + 1, state + 1) : (result == state, state);
}
