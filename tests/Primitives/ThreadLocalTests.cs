namespace Weave.Primitives.Tests;

/// <summary>
/// Python's threading.local maps to the BCL's <see cref="ThreadLocal{T}"/> (SPEC: no new type).
/// These tests pin down the behaviour the mapping promises.
/// </summary>
public sealed class ThreadLocalTests
{
    [Fact]
    public void Value_IsVisibleOnlyInTheThreadThatSetIt()
    {
        using var local = new ThreadLocal<int>();
        local.Value = 42;
        int seenElsewhere = -1;
        var thread = new WorkerThread(() =>
        {
            seenElsewhere = local.Value;
            local.Value = 7;
        });
        thread.Start();
        thread.Join();
        Assert.Equal(0, seenElsewhere);
        Assert.Equal(42, local.Value);
    }

    [Fact]
    public void Value_CountsPerThread_AsInTheSeedExample()
    {
        using var counter = new ThreadLocal<int>();
        var totals = new int[10];
        var threads = Enumerable.Range(0, 10).Select(i => new WorkerThread(() =>
        {
            counter.Value = 0;
            for (int n = 0; n < 1000; n++)
            {
                counter.Value++;
            }

            totals[i] = counter.Value;
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.All(totals, total => Assert.Equal(1000, total));
    }

    [Fact]
    public void Factory_RunsOncePerThread_LikeALocalSubclassInit()
    {
        int factoryCalls = 0;
        using var local = new ThreadLocal<List<int>>(() =>
        {
            Interlocked.Increment(ref factoryCalls);
            return new List<int>();
        });
        local.Value!.Add(1);
        local.Value.Add(2);
        var thread = new WorkerThread(() => local.Value!.Add(3));
        thread.Start();
        thread.Join();
        Assert.Equal(2, factoryCalls);
        Assert.Equal(new[] { 1, 2 }, local.Value);
    }
}
