namespace Weave.Primitives.Tests.Processes;

public sealed class PipeTests
{
    [Fact]
    public void Create_Duplex_BothEndsSendAndReceive()
    {
        (Connection a, Connection b) = Pipe.Create();

        a.Send("to b");
        b.Send(new[] { 1, 2, 3 });

        Assert.Equal("to b", b.Recv<string>());
        Assert.Equal([1, 2, 3], a.Recv<int[]>());
        Assert.True(a.Readable && a.Writable && b.Readable && b.Writable);
    }

    [Fact]
    public void SendBytes_KeepsMessageBoundariesAndEmptyMessages()
    {
        (Connection a, Connection b) = Pipe.Create();

        a.SendBytes([1, 2]);
        a.SendBytes([]);
        a.SendBytes([3]);

        Assert.Equal([1, 2], b.RecvBytes());
        Assert.Empty(b.RecvBytes());
        Assert.Equal([3], b.RecvBytes());
    }

    [Fact]
    public void SendBytes_OffsetAndSize_SendsThatSlice()
    {
        (Connection a, Connection b) = Pipe.Create();

        a.SendBytes([0, 1, 2, 3, 4], offset: 1, size: 3);
        a.SendBytes([0, 1, 2, 3, 4], offset: 4);

        Assert.Equal([1, 2, 3], b.RecvBytes());
        Assert.Equal([4], b.RecvBytes());
        Assert.Throws<ArgumentOutOfRangeException>(() => a.SendBytes([0, 1], offset: 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => a.SendBytes([0, 1], offset: 1, size: 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => a.SendBytes([0, 1], offset: -1));
    }

    [Fact]
    public void OneWay_WrongEnd_ThrowsNamingTheDirection()
    {
        (Connection reader, Connection writer) = Pipe.Create(duplex: false);

        Assert.Equal("connection is read-only", Assert.Throws<InvalidOperationException>(() => reader.Send(1)).Message);
        Assert.Equal("connection is write-only", Assert.Throws<InvalidOperationException>(() => writer.RecvBytes()).Message);
        Assert.Throws<InvalidOperationException>(() => writer.Poll());
        writer.Send(5);
        Assert.Equal(5, reader.Recv<int>());
    }

    [Fact]
    public void Recv_AfterPeerClosed_DrainsThenEndOfStream_PollTrue()
    {
        (Connection a, Connection b) = Pipe.Create();
        a.Send(1);
        a.Close();

        Assert.True(b.Poll());
        Assert.Equal(1, b.Recv<int>());
        Assert.True(b.Poll()); // End of stream is "something to read".
        Assert.Throws<EndOfStreamException>(() => b.Recv<int>());
        Assert.Throws<IOException>(() => b.Send(2)); // Broken pipe.
    }

    [Fact]
    public void ClosedEnd_AnyUse_ThrowsObjectDisposed()
    {
        (Connection a, _) = Pipe.Create();
        a.Close();

        Assert.True(a.IsClosed);
        Assert.Throws<ObjectDisposedException>(() => a.Send(1));
        Assert.Throws<ObjectDisposedException>(() => a.RecvBytes());
        Assert.Throws<ObjectDisposedException>(() => a.Poll());
        a.Close(); // Harmless.
    }

    [Fact]
    public void Poll_NothingSent_FalseAfterTimeout()
    {
        (Connection a, _) = Pipe.Create();

        Assert.False(a.Poll());
        Timing.AssertAbout(TimeSpan.FromMilliseconds(100), Timing.Measure(() => Assert.False(a.Poll(TimeSpan.FromMilliseconds(100)))));
        Assert.Throws<ArgumentOutOfRangeException>(() => a.Poll(TimeSpan.FromMilliseconds(-2)));
    }

    [Fact]
    public void Recv_BlocksUntilAnotherThreadSends()
    {
        (Connection a, Connection b) = Pipe.Create();
        var receiver = new Thread(() => Assert.Equal(7, b.Recv<int>()));
        receiver.Start();

        a.Send(7);

        Assert.True(receiver.Join(Work.Long));
    }

    [Fact]
    public void AcrossProcesses_BothWays_LargeAndEmptyMessages()
    {
        using var executor = new ProcessPoolExecutor(maxWorkers: 1);
        (Connection mine, Connection theirs) = Pipe.Create();
        Future<int> echo = executor.Submit(Work.EchoReversed, theirs);
        byte[] large = [.. Enumerable.Range(0, 4 << 20).Select(i => (byte)(i * 31))];

        mine.SendBytes([1, 2, 3]);
        mine.SendBytes([]);
        mine.SendBytes(large);

        Assert.Equal([3, 2, 1], mine.RecvBytes());
        Assert.Empty(mine.RecvBytes());
        Assert.Equal(large.Reverse(), mine.RecvBytes());
        mine.Close();
        Assert.Equal(3, echo.Result(Work.Long)); // The worker saw the end of the stream.
    }

    [Fact]
    public void AcrossProcesses_WorkerClosesItsEnd_ParentSeesEndOfStream()
    {
        using var executor = new ProcessPoolExecutor(maxWorkers: 1);
        (Connection reader, Connection writer) = Pipe.Create(duplex: false);

        executor.Submit(Work.SendNumbers, writer, 100).Result(Work.Long);

        Assert.Equal(Enumerable.Range(0, 100), Enumerable.Range(0, 100).Select(_ => reader.Recv<int>()));
        Assert.Throws<EndOfStreamException>(() => reader.Recv<int>());
    }
}
