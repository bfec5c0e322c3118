using Weave.Harness;
using Check = Weave.Harness.Linearizability;
using Q = Weave.Harness.QueueOp<int>;
using R = Weave.Harness.QueueResult<int>;

namespace Weave.PropertiesTests.Checker;

public sealed class HistoryJsonTests
{
    [Fact]
    public void Serialize_ThenDeserialize_KeepsEveryCallAndTheVerdict()
    {
        var calls = new Calls<Q, R>()
            .Add(0, Q.Put(1), R.Ok, 1, 2)
            .Add(1, Q.TryGet(), R.Got(1), 3, 5)
            .Add(0, Q.Size(), R.Sized(0), 4, 6)
            .Pending(2, Q.Shutdown(immediate: true), 7);

        string json = HistoryJson.Serialize(calls);
        var back = HistoryJson.Deserialize<Q, R>(json);

        Assert.Contains("\"format\": \"weave-history/1\"", json, StringComparison.Ordinal);
        Assert.Contains("\"kind\": \"Shutdown\"", json, StringComparison.Ordinal);
        Assert.Equal(calls, back);
        Assert.True(back[3].IsPending);
        Assert.True(Check.Check(new QueueSpec<int>(), back).IsLinearizable);
    }

    [Fact]
    public void Write_ThenRead_RoundTripsARecordedHistory()
    {
        var history = new History<RegisterOp<int>, int>();
        history.Invoke(0, RegisterOp<int>.Write(3)).Return(0);
        history.Invoke(1, RegisterOp<int>.Read()).Return(3);
        string path = Path.Combine(Path.GetTempPath(), $"weave-{Guid.NewGuid():N}", "history.json");

        HistoryJson.Write(history.Entries(), path);

        Assert.Equal(history.Entries(), HistoryJson.Read<RegisterOp<int>, int>(path));
    }

    [Theory]
    [InlineData("not json at all", "Not a readable history")]
    [InlineData("{\"format\": \"something-else\", \"calls\": []}", "\"format\" field must be \"weave-history/1\"")]
    [InlineData("{\"calls\": []}", "found none")]
    [InlineData("{\"format\": \"weave-history/1\"}", "no \"calls\" array")]
    [InlineData("{\"format\": \"weave-history/1\", \"calls\": [{\"id\": 0, \"thread\": 0, \"invoked\": 1}]}", "call 0: ")]
    [InlineData("{\"format\": \"weave-history/1\", \"calls\": [{\"id\": 0, \"thread\": 0, \"op\": {\"isWrite\": false}, \"result\": 0, \"invoked\": 5, \"returned\": 2}]}", "before it was invoked")]
    [InlineData("{\"format\": \"weave-history/1\", \"calls\": [{\"id\": 0, \"thread\": 0, \"op\": {\"kind\": \"Write\", \"arg1\": 5}, \"result\": 0, \"invoked\": 1, \"returned\": 2}]}", "call 0, field 'op.kind'")]
    [InlineData("{\"format\": \"weave-history/1\", \"calls\": [{\"id\": 0, \"thread\": 0, \"op\": {\"isWrite\": \"yes\"}, \"result\": 0, \"invoked\": 1, \"returned\": 2}]}", "call 0, field 'op.isWrite'")]
    public void Deserialize_BadDocument_SaysWhatIsWrong(string json, string expected)
    {
        var e = Assert.Throws<FormatException>(() => HistoryJson.Deserialize<RegisterOp<int>, int>(json));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingFile_NamesIt()
    {
        var e = Assert.Throws<FileNotFoundException>(() => HistoryJson.Read<RegisterOp<int>, int>("/no/such/history.json"));

        Assert.Contains("/no/such/history.json", e.Message, StringComparison.Ordinal);
    }
}
