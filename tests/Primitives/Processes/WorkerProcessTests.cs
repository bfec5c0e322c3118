using System.Diagnostics;

namespace Weave.Primitives.Tests.Processes;

/// <summary>WorkerProcess (Python's multiprocessing.Process) on real child processes.</summary>
public sealed class WorkerProcessTests
{
    [Fact]
    public void Start_RunsTheTargetInAnotherProcess_ThenExitCodeIsZero()
    {
        (Connection mine, Connection theirs) = Pipe.Create();
        var process = new WorkerProcess(ProcessWork.SendPid, [theirs], name: "sender");

        Assert.Null(process.Pid);
        Assert.Null(process.ExitCode);
        process.Start();
        int childPid = mine.Recv<int>();
        process.Join();

        Assert.NotEqual(Environment.ProcessId, childPid);
        Assert.Equal(childPid, process.Pid);
        Assert.Equal(0, process.ExitCode);
        Assert.False(process.IsAlive);
        Assert.Equal("sender", process.Name);
        Assert.Contains("exitcode=0", process.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Start_Twice_Throws()
    {
        var process = new WorkerProcess(() => { });
        process.Start();

        Assert.Equal("cannot start a process twice", Assert.Throws<InvalidOperationException>(process.Start).Message);
        process.Join();
    }

    [Fact]
    public void TargetThatThrows_ExitsWithCodeOne()
    {
        var process = new WorkerProcess(ProcessWork.Throw, ["boom"]);
        process.Start();

        Assert.True(process.Join(Work.Long));
        Assert.Equal(1, process.ExitCode);
    }

    [Fact]
    public void JoinWithTimeout_OnAProcessThatNeverEnds_ReturnsFalse_ThenTerminateGivesMinusSigterm()
    {
        (Connection mine, Connection theirs) = Pipe.Create();
        var process = new WorkerProcess(ProcessWork.WaitForever, [theirs]);
        process.Start();
        mine.Recv<int>(); // Running.

        Assert.False(process.Join(TimeSpan.FromMilliseconds(100)));
        Assert.True(process.IsAlive);
        Assert.Null(process.ExitCode);
        process.Terminate();
        Assert.True(process.Join(Work.Long));
        Assert.Equal(OperatingSystem.IsWindows() ? 1 : -15, process.ExitCode);
    }

    [Fact]
    public void Kill_GivesMinusSigkill()
    {
        (Connection mine, Connection theirs) = Pipe.Create();
        var process = new WorkerProcess(ProcessWork.WaitForever, [theirs]);
        process.Start();
        mine.Recv<int>();

        process.Kill();

        Assert.True(process.Join(Work.Long));
        Assert.Equal(OperatingSystem.IsWindows() ? -1 : -9, process.ExitCode);
    }

    [Fact]
    public void Subclass_FieldsCrossAndTheOverrideRunsInTheChild()
    {
        (Connection mine, Connection theirs) = Pipe.Create();
        var process = new ReportingProcess { Report = theirs, Greeting = "hello" };

        process.Start();
        string message = mine.Recv<string>();
        process.Join();

        Assert.Equal($"hello from reporting in {process.Pid}", message);
        Assert.Equal(0, process.ExitCode);
    }

    [Fact]
    public void CapturingLambda_IsRefusedNamingTheTarget()
    {
        int captured = 3;
        var error = Assert.Throws<ArgumentException>(() => new WorkerProcess(() => Console.WriteLine(captured)));

        Assert.Equal("target", error.ParamName);
        Assert.Contains("captures captured", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongNumberOfArguments_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new WorkerProcess(ProcessWork.SendPid, []));

        Assert.Equal("args", error.ParamName);
    }

    [Fact]
    public void Close_WhileRunning_Throws_AfterJoin_ClosesAndRefusesUse()
    {
        (Connection mine, Connection theirs) = Pipe.Create();
        var process = new WorkerProcess(ProcessWork.WaitForever, [theirs]);
        process.Start();
        mine.Recv<int>();

        Assert.Throws<InvalidOperationException>(process.Close);
        process.Kill();
        process.Join();
        process.Close();
        process.Close(); // Harmless.

        Assert.Equal("process object is closed", Assert.Throws<InvalidOperationException>(() => process.Join()).Message);
        Assert.Equal("process object is closed", Assert.Throws<InvalidOperationException>(process.Start).Message);
    }

    [Fact]
    public void IsDaemon_CannotChangeAfterStart_JoinBeforeStartThrows()
    {
        var process = new WorkerProcess(() => { });
        Assert.Throws<InvalidOperationException>(() => process.Join());
        process.IsDaemon = true;
        process.Start();

        Assert.Throws<InvalidOperationException>(() => process.IsDaemon = false);
        process.Join();
        Assert.True(process.IsDaemon);
    }

    [Fact]
    public void DaemonGrandchild_IsTerminatedWhenItsParentExits()
    {
        (Connection mine, Connection theirs) = Pipe.Create();
        var parent = new WorkerProcess(ProcessWork.StartDaemonGrandchild, [theirs]);
        parent.Start();
        int grandchild = mine.Recv<int>();

        Assert.True(parent.Join(Work.Long));
        Eventually.True(() => !IsRunning(grandchild), $"the daemonic grandchild {grandchild} has exited");
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
