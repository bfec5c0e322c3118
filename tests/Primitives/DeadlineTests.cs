namespace Weave.Primitives.Tests;

public sealed class DeadlineTests
{
    [Fact]
    public void After_InfiniteTimeSpan_NeverExpires()
    {
        Deadline deadline = Deadline.After(Timeout.InfiniteTimeSpan);
        Assert.True(deadline.IsInfinite);
        Assert.False(deadline.HasExpired);
        Assert.Equal(Timeout.InfiniteTimeSpan, deadline.Remaining);
        Assert.Equal(Deadline.Infinite, deadline);
    }

    [Fact]
    public void After_Zero_IsImmediateAndExpired()
    {
        Deadline deadline = Deadline.After(TimeSpan.Zero);
        Assert.True(deadline.IsImmediate);
        Assert.True(deadline.HasExpired);
        Assert.Equal(TimeSpan.Zero, deadline.Remaining);
    }

    [Theory]
    [InlineData(-2)]
    [InlineData(-1_000_000)]
    public void After_NegativeOtherThanInfinite_ThrowsNamingTheParameter(int milliseconds)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Deadline.After(TimeSpan.FromMilliseconds(milliseconds), "wait"));
        Assert.Equal("wait", error.ParamName);
    }

    [Fact]
    public void Remaining_CountsDownMonotonically()
    {
        Deadline deadline = Deadline.After(TimeSpan.FromSeconds(30));
        TimeSpan first = deadline.Remaining;
        TimeSpan second = deadline.Remaining;
        Assert.InRange(first, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        Assert.True(second <= first);
        Assert.False(deadline.HasExpired);
    }

    [Fact]
    public void After_HugeTimeout_IsTreatedAsInfiniteWithoutOverflow()
    {
        Assert.True(Deadline.After(TimeSpan.MaxValue).IsInfinite);
        Deadline long1 = Deadline.After(TimeSpan.FromDays(100_000));
        Assert.True(long1.IsInfinite || long1.Remaining > TimeSpan.FromDays(99_000));
    }

    [Fact]
    public void Default_IsAnExpiredDeadline()
    {
        Assert.True(default(Deadline).HasExpired);
        Assert.False(default(Deadline).IsInfinite);
    }
}
