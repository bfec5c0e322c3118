using Weave.Harness;

namespace Weave.PropertiesTests.Checker;

/// <summary>Reading Jepsen histories: logger lines and EDN, what :ok / :fail / :info mean, and strictness.</summary>
public sealed class JepsenHistoryTests
{
    [Fact]
    public void LoggerLines_PairInvocationsWithCompletionsPerProcess()
    {
        var calls = JepsenHistory.Parse("""
            INFO  jepsen.util - 0	:invoke	:write	1
            INFO  jepsen.util - 1	:invoke	:read	nil
            INFO  jepsen.util - 0	:ok	:write	1
            INFO  jepsen.util - 1	:ok	:read	1
            INFO  jepsen.util - 2	:invoke	:cas	[1 2]
            INFO  jepsen.util - 2	:fail	:cas	[1 2]
            INFO  jepsen.util - 3	:invoke	:write	5
            INFO  jepsen.util - 3	:info	:write	:timed-out
            INFO  jepsen.util - :nemesis	:info	:start	nil
            """);

        Assert.Equal(4, calls.Count);
        Assert.Equal(KvOp.Write("1"), calls[0].Op);
        Assert.Equal(KvResult.Of("1"), calls[1].Result);
        Assert.Equal(KvOp.Cas("1", "2"), calls[2].Op);
        Assert.Equal(KvResult.Failed, calls[2].Result); // :fail on a cas: completed, found another value.
        Assert.True(calls[3].IsPending); // :info: unknown outcome.
        Assert.Equal(3, calls[3].Thread);
    }

    [Fact]
    public void FailedRead_DidNotHappen_AndIsLeftOut()
    {
        var calls = JepsenHistory.Parse("""
            INFO  jepsen.util - 0	:invoke	:read	nil
            INFO  jepsen.util - 0	:fail	:read	:timed-out
            """);

        Assert.Empty(calls);
    }

    [Fact]
    public void Edn_MapsPerLineOrInAVector()
    {
        var calls = JepsenHistory.Parse("""
            [{:type :invoke, :f :cas, :value [nil 3], :process 4, :time 1}
             {:type :ok, :f :cas, :value [nil 3], :process 4, :time 2}]
            """);

        var call = Assert.Single(calls);
        Assert.Equal(KvOp.Cas(null, "3"), call.Op);
        Assert.Equal(KvResult.Done, call.Result);
        Assert.Equal(4, call.Thread);
    }

    [Theory]
    [InlineData("INFO  jepsen.util - 0\t:invoke\t:frob\tnil", "Line 1: unknown :f ':frob'")]
    [InlineData("INFO  jepsen.util - 0\t:begin\t:read\tnil", "Line 1: unknown :type ':begin'")]
    [InlineData("INFO  jepsen.util - 0\t:ok\t:read\tnil", "Line 1: process 0 completes (:ok) a call it never invoked")]
    [InlineData("INFO  jepsen.util - 0\t:invoke\t:cas\t3", "Line 1: a :cas :value must be [expected new]")]
    [InlineData("INFO  jepsen.util - 0\t:invoke\t:write\tabc", "Line 1: :value 'abc' is neither nil, a number nor a string")]
    [InlineData("{:type :invoke, :f :read, :value nil}", "Line 1: the map has no :process field")]
    [InlineData("just some text", "Line 1: neither a Jepsen logger line")]
    public void Malformed_IsAFormatExceptionNamingTheLine(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => JepsenHistory.Parse(text));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SecondInvocationWhileOneIsOpen_IsRefused()
    {
        var error = Assert.Throws<FormatException>(() => JepsenHistory.Parse("""
            INFO  jepsen.util - 0	:invoke	:read	nil
            INFO  jepsen.util - 0	:invoke	:read	nil
            """));

        Assert.Contains("Line 2: process 0 invokes again while its call of line 1 is still open", error.Message, StringComparison.Ordinal);
    }
}
