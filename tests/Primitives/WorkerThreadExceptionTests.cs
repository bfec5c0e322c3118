namespace Weave.Primitives.Tests;

/// <summary>
/// WorkerThread.UnhandledException is process-wide, so these tests run alone (no other test
/// attaches a handler or writes to stderr meanwhile).
/// </summary>
[Collection(nameof(WorkerThreadExceptionTests))]
[CollectionDefinition(nameof(WorkerThreadExceptionTests), DisableParallelization = true)]
public sealed class WorkerThreadExceptionTests
{
    [Fact]
    public void UnhandledException_GoesToTheHook_AndJoinDoesNotRethrow()
    {
        var captured = new List<WorkerThreadExceptionEventArgs>();
        object? sender = null;
        EventHandler<WorkerThreadExceptionEventArgs> handler = (s, e) =>
        {
            sender = s;
            lock (captured)
            {
                captured.Add(e);
            }
        };
        WorkerThread.UnhandledException += handler;
        try
        {
            var thread = new WorkerThread(() => throw new InvalidTimeZoneException("from the thread"));
            thread.Start();
            thread.Join(); // Does not rethrow.
            Assert.False(thread.IsAlive);
            WorkerThreadExceptionEventArgs args = Assert.Single(captured);
            Assert.Same(thread, args.Thread);
            Assert.Same(thread, sender);
            Assert.IsType<InvalidTimeZoneException>(args.Exception);
            Assert.Equal("from the thread", args.Exception.Message);
        }
        finally
        {
            WorkerThread.UnhandledException -= handler;
        }
    }

    [Fact]
    public void UnhandledException_WithNoHandler_IsWrittenToStandardErrorAndTheProcessLives()
    {
        TextWriter original = Console.Error;
        using var capture = new StringWriter();
        Console.SetError(capture);
        try
        {
            var thread = new WorkerThread(() => throw new InvalidTimeZoneException("nobody listens"), name: "lonely");
            thread.Start();
            thread.Join();
        }
        finally
        {
            Console.SetError(original);
        }

        string text = capture.ToString();
        Assert.Contains("Exception in thread lonely:", text);
        Assert.Contains("nobody listens", text);
    }

    [Fact]
    public void UnhandledException_HandlerThatThrows_IsReportedAndTheThreadStillEnds()
    {
        EventHandler<WorkerThreadExceptionEventArgs> handler = (_, _) => throw new InvalidProgramException("bad hook");
        TextWriter original = Console.Error;
        using var capture = new StringWriter();
        Console.SetError(capture);
        WorkerThread.UnhandledException += handler;
        try
        {
            var thread = new WorkerThread(() => throw new InvalidTimeZoneException("first"), name: "hooked");
            thread.Start();
            Assert.True(thread.Join(TimeSpan.FromSeconds(30)));
        }
        finally
        {
            WorkerThread.UnhandledException -= handler;
            Console.SetError(original);
        }

        string text = capture.ToString();
        Assert.Contains("first", text);
        Assert.Contains("bad hook", text);
    }
}
