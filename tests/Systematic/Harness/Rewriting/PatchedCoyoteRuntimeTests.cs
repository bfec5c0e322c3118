using System.Diagnostics;
using System.Reflection;
using Weave.Harness;
using Weave.Primitives;

namespace Weave.SystematicTests.Rewriting;

/// <summary>
/// Coyote's runtime as Weave ships it (third_party/coyote): the operations the runtime starts itself (the test,
/// tasks, continuations) run on reused threads. What a program can observe must not change: a task runs under the
/// context it was started from, a thread the program creates is a new thread, and an iteration that ends with
/// operations still paused leaves nothing behind for the next one.
/// </summary>
public sealed class PatchedCoyoteRuntimeTests
{
    private static readonly SystematicOptions s_options = new() { Iterations = 100, Seed = 11 };

    [ThreadStatic]
    private static int s_runsOnThisThread;

    [Fact]
    public void Runtime_IsTheBuildFromThirdParty_WithThePackagesIdentity()
    {
        Assembly coyote = typeof(Microsoft.Coyote.Configuration).Assembly;

        Assert.Equal(new Version(1, 7, 11, 0), coyote.GetName().Version);
        Assert.Equal("c4566cf0a7f74012", Convert.ToHexStringLower(coyote.GetName().GetPublicKeyToken()!));
        Assert.Equal("1.7.11.1", FileVersionInfo.GetVersionInfo(coyote.Location).FileVersion);
    }

    [Theory]
    [InlineData(SystematicStrategy.Random)]
    [InlineData(SystematicStrategy.Prioritization)]
    public void Task_RunsUnderTheContextItWasStartedFrom(SystematicStrategy strategy)
    {
        SystematicReport report = Systematic.Explore(() =>
        {
            var local = new AsyncLocal<int> { Value = 1 };
            var first = Task.Run(() =>
            {
                int seen = local.Value;
                local.Value = 99; // Stays inside this task.
                return seen;
            });
            local.Value = 2;
            var second = Task.Run(() => local.Value);

            Assert.Equal(1, first.Result);
            Assert.Equal(2, second.Result);
            Assert.Equal(2, local.Value);
        }, s_options with { Strategy = strategy });

        Assert.False(report.BugFound, report.ToString());
        Assert.Equal(s_options.Iterations, report.Iterations);
    }

    [Fact]
    public void NewThread_IsAFreshThread_InEveryIteration()
    {
        SystematicReport report = Systematic.Explore(() =>
        {
            var seen = new int[2];
            Thread? inside = null;
            var thread = new Thread(() =>
            {
                s_runsOnThisThread++;
                seen[0] = s_runsOnThisThread;
                inside = Thread.CurrentThread;
            });
            thread.Start();
            thread.Join();

            Assert.Equal(1, seen[0]); // Thread-static state starts empty: not a reused thread.
            Assert.Same(thread, inside);
        }, s_options);

        Assert.False(report.BugFound, report.ToString());
        Assert.Equal(s_options.Iterations, report.Iterations);
    }

    [Fact]
    public void IterationEndingWithPausedTasks_LeavesNoInterruptForTheNextRun()
    {
        // A bug ends the iteration while a task is blocked: the runtime interrupts that task's thread.
        SystematicReport buggy = Systematic.Explore(() =>
        {
            var never = new Event();
            var blocked = Task.Run(() => never.Wait());
            var alsoBlocked = Task.Run(() => never.Wait());
            throw new InvalidOperationException("the seeded failure");
        }, s_options with { Iterations = 5 });
        Assert.True(buggy.BugFound);

        // The threads it interrupted run the next exploration's tasks, which block and are woken normally.
        SystematicReport clean = Systematic.Explore(() =>
        {
            var ready = new Event();
            var waiter = Task.Run(() => ready.Wait());
            var other = Task.Run(() => ready.Wait());
            ready.Set();
            waiter.Wait();
            Assert.True(other.Result);
        }, s_options);

        Assert.False(clean.BugFound, clean.ToString());
        Assert.Equal(s_options.Iterations, clean.Iterations);
    }
}
