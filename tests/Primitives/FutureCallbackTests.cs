namespace Weave.Primitives.Tests;

/// <summary>Future.CallbackFailed is process-wide: these tests run alone.</summary>
[Collection(nameof(FutureCallbackTests))]
[CollectionDefinition(nameof(FutureCallbackTests), DisableParallelization = true)]
public sealed class FutureCallbackTests
{
    [Fact]
    public void Callback_ThatThrows_IsReportedAndTheOthersStillRun()
    {
        var reported = new List<FutureCallbackExceptionEventArgs>();
        EventHandler<FutureCallbackExceptionEventArgs> handler = (_, e) => reported.Add(e);
        Future.CallbackFailed += handler;
        try
        {
            var future = new Future<int>();
            bool secondRan = false;
            future.AddDoneCallback(_ => throw new FormatException("bad callback"));
            future.AddDoneCallback(_ => secondRan = true);
            future.SetResult(1);
            Assert.True(secondRan);
            FutureCallbackExceptionEventArgs args = Assert.Single(reported);
            Assert.Same(future, args.Future);
            Assert.IsType<FormatException>(args.Exception);

            future.AddDoneCallback(_ => throw new FormatException("already done")); // Reported too.
            Assert.Equal(2, reported.Count);
        }
        finally
        {
            Future.CallbackFailed -= handler;
        }
    }

    [Fact]
    public void Callback_ThatThrows_WithNoHandler_IsWrittenToStandardError()
    {
        TextWriter original = Console.Error;
        using var capture = new StringWriter();
        Console.SetError(capture);
        try
        {
            var future = new Future<int>();
            future.AddDoneCallback(_ => throw new FormatException("nobody listens"));
            future.SetResult(1);
        }
        finally
        {
            Console.SetError(original);
        }

        Assert.Contains("exception calling callback for <Future state=finished returned Int32>", capture.ToString());
        Assert.Contains("nobody listens", capture.ToString());
    }
}
