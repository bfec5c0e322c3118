using Spectre.Console.Cli;
using Weave.Cli;

// weave: the harness's main jobs from the command line. Exit codes: 0 success (hunt: every seeded
// bug found; replay: the schedule no longer reproduces; check: linearizable), 1 the finding
// (a bug missed, reproduced, a violation), 2 bad input, 3 an inconclusive result (check: budget exceeded).
var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("weave");
    config.AddCommand<HuntCommand>("hunt")
        .WithDescription("Run the seeded-bug catalog with each technique (Coyote strategies, stress, generated scenarios + linearizability) and print the bug-finding table.")
        .WithExample("hunt")
        .WithExample("hunt", "--bug", "condition-lost-notify", "--strategy", "Random", "--iterations", "200");
    config.AddCommand<ReplayCommand>("replay")
        .WithDescription("Replay a saved Coyote schedule (written by a failing systematic test or by hunt) and print the interleaving.")
        .WithExample("replay", "artifacts/schedules/SeededBugTests.SeededBug_IsCaught-1-3.schedule.json");
    config.AddCommand<CheckCommand>("check")
        .WithDescription("Check a recorded history (weave-history/1 JSON) for linearizability against a sequential model.")
        .WithExample("check", "history.json", "--model", "queue", "--html", "timeline.html");
    config.AddCommand<BenchCommand>("bench")
        .WithDescription("Run the BenchmarkDotNet suites (perf/) beside the .NET built-ins and regenerate the report in perf/results.")
        .WithExample("bench", "--job", "short");
});

return app.Run(args);
