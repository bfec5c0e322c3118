using Weave.ConsoleExample;
using Weave.Harness;
using Weave.Primitives;

// dotnet run --project docs/examples/console -- buggy   (exit 1: the bug, its schedule and the replay command)
// dotnet run --project docs/examples/console -- fixed   (exit 0)
if (args is not ["buggy" or "fixed"])
{
    Console.Error.WriteLine("usage: dotnet run --project docs/examples/console -- buggy|fixed");
    return 2;
}

bool fixedVersion = args[0] == "fixed";
try
{
    var report = Systematic.Check(() =>
    {
        var account = new Account(fixedVersion);
        var depositors = new[] { new WorkerThread(() => account.Deposit(10)), new WorkerThread(() => account.Deposit(20)) };
        foreach (var depositor in depositors)
        {
            depositor.Start();
        }

        foreach (var depositor in depositors)
        {
            depositor.Join();
        }

        if (account.Balance != 30)
        {
            throw new InvalidOperationException($"balance is {account.Balance}, expected 30");
        }
    });

    Console.WriteLine(report);
    return 0;
}
catch (SystematicBugException e)
{
    Console.WriteLine(e.Message);
    return 1;
}
