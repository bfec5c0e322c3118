using Spectre.Console.Cli;
using Weave.Cli;

// weave: the harness's main jobs from the command line. Exit codes: 0 success (hunt: every seeded
// bug found; replay: the schedule no longer reproduces; check: linearizable), 1 the finding
// (a bug missed, reproduced, a violation), 2 usage or input error, 3 no verdict (check: budget exceeded).
var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("weave");
    config.PropagateExceptions(); // Usage errors are reported below: one line, exit code 2.
    config.AddCommand<HuntCommand>("hunt")
        .WithDescription("Run the seeded-bug catalog with each technique (Coyote strategies, stress, generated scenarios + linearizability) and print the bug-finding table. Exit 0: every bug found; 1: one was missed; 2: usage error.")
        .WithExample("hunt")
        .WithExample("hunt", "--bug", "condition-lost-notify", "--strategy", "Random", "--iterations", "200");
    config.AddCommand<ReplayCommand>("replay")
        .WithDescription("Replay a saved Coyote schedule (written by a failing systematic test or by hunt) and print the interleaving. Exit 0: no longer reproduces; 1: the bug came back; 2: bad file or usage.")
        .WithExample("replay", "artifacts/schedules/SeededBugTests.SeededBug_IsCaught-1-3.schedule.json");
    config.AddCommand<CheckCommand>("check")
        .WithDescription("Check a recorded history (weave-history/1 JSON) for linearizability against a sequential model. Exit 0: linearizable; 1: not linearizable; 2: bad input or usage; 3: no verdict within the budget.")
        .WithExample("check", "history.json", "--model", "queue", "--html", "timeline.html");
    config.AddCommand<MergeCommand>("merge")
        .WithDescription("Combine the results of a sharded systematic run (each CI job ran with WEAVE_SHARD=i/n and kept its artifacts/shards) into one verdict per test. Exit 0: every shard present and clean; 1: a shard found a bug; 2: bad input or shards missing.")
        .WithExample("merge", "shard-1", "shard-2", "shard-3");
    config.AddCommand<BenchCommand>("bench")
        .WithDescription("Run the BenchmarkDotNet suites (perf/) beside the .NET built-ins and regenerate the report in perf/results. Exit 0: report written; 1: a run failed; 2: usage error.")
        .WithExample("bench", "--job", "short");
});

try
{
    return app.Run(args);
}
catch (CommandAppException e)
{
    // Unknown command or option, a value that does not parse, a setting that fails validation.
    return Errors.BadInput($"{e.Message} (see: {CommandLine.Weave("--help")})");
}
