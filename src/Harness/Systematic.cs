using System.Diagnostics;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.Coyote;
using Microsoft.Coyote.Logging;
using Microsoft.Coyote.SystematicTesting;
using Weave.Primitives;

namespace Weave.Harness;

/// <summary>
/// Systematic concurrency testing with Microsoft Coyote: runs a test many times, each time under a
/// different interleaving of its threads chosen by a controlled scheduler, and saves the schedule
/// of any bug so that one command replays it deterministically.
/// </summary>
/// <remarks>
/// <para>The test starts its threads with <c>new Thread(…)</c> (or <see cref="WorkerThread"/>) and
/// synchronises through <see cref="Monitor"/>, <see cref="Interlocked"/>, <see cref="Volatile"/> or
/// Weave's primitives, which Coyote controls; its assembly, and the code under test, must be
/// rewritten by Coyote (the harness's build targets do it; an unrewritten test fails with a message
/// saying how to fix it). A failed assertion, an unhandled exception, a deadlock, or a run that
/// exceeds <see cref="SystematicOptions.MaxSteps"/> (a livelock) is a bug.</para>
/// <para>With <see cref="SystematicOptions.ExploreTimeouts"/>, timed waits made through
/// <see cref="TimedWait"/> (all of Weave's, and your own primitives' if they use it) may time out at
/// any scheduling point, so timeout paths are explored too. With
/// <see cref="SystematicOptions.ExploreInterrupts"/> and <see cref="SystematicOptions.ExploreCancellation"/>
/// the scheduler also delivers <see cref="Thread.Interrupt"/>s and token cancellations at the blocking points
/// of Weave's primitives (and of yours, through <see cref="TimedWait"/> and <see cref="Interrupts"/>).</para>
/// <para>Set <c>WEAVE_REPLAY</c> to a schedule file to replay it instead of exploring: the printed
/// replay command does that for the one test that produced it.</para>
/// </remarks>
public static partial class Systematic
{
    private const string RewritingAttribute = "Microsoft.Coyote.Rewriting.RewritingSignatureAttribute";

    /// <summary>Explores interleavings of <paramref name="test"/> and reports what it found (never throws for a bug).</summary>
    /// <param name="test">The test body: starts threads and asserts.</param>
    /// <param name="options">Iterations, strategy, seed…; null uses the defaults. Environment variables override them.</param>
    /// <param name="name">The calling test's name (filled in by the compiler). Under xunit v3 the running
    /// test's own name is used instead, so the replay command selects the right test even when this is
    /// called from a helper.</param>
    /// <returns>The report; <see cref="SystematicReport.BugFound"/> tells whether a bug was found.</returns>
    /// <exception cref="InvalidOperationException">The test's assembly or Weave.Primitives was not rewritten by Coyote.</exception>
    /// <exception cref="ScheduleFileException">WEAVE_REPLAY names a schedule that cannot be replayed.</exception>
    public static SystematicReport Explore(Action test, SystematicOptions? options = null, [CallerMemberName] string name = "")
    {
        ArgumentNullException.ThrowIfNull(test);
        return Run(test, options, name);
    }

    /// <summary>Explores interleavings of an asynchronous <paramref name="test"/> and reports what it found.</summary>
    /// <inheritdoc cref="Explore(Action, SystematicOptions?, string)"/>
    public static SystematicReport Explore(Func<Task> test, SystematicOptions? options = null, [CallerMemberName] string name = "")
    {
        ArgumentNullException.ThrowIfNull(test);
        return Run(test, options, name);
    }

    /// <summary>
    /// Explores interleavings of <paramref name="test"/> and throws <see cref="SystematicBugException"/>
    /// if one fails: the message holds the bug, the schedule file and the command that replays it.
    /// </summary>
    /// <inheritdoc cref="Explore(Action, SystematicOptions?, string)"/>
    /// <exception cref="SystematicBugException">A bug was found (or, under WEAVE_REPLAY, reproduced).</exception>
    public static SystematicReport Check(Action test, SystematicOptions? options = null, [CallerMemberName] string name = "")
    {
        ArgumentNullException.ThrowIfNull(test);
        return ThrowIfBug(Run(test, options, name));
    }

    /// <summary>Explores interleavings of an asynchronous <paramref name="test"/> and throws if one fails.</summary>
    /// <inheritdoc cref="Check(Action, SystematicOptions?, string)"/>
    public static SystematicReport Check(Func<Task> test, SystematicOptions? options = null, [CallerMemberName] string name = "")
    {
        ArgumentNullException.ThrowIfNull(test);
        return ThrowIfBug(Run(test, options, name));
    }

    /// <summary>
    /// Replays a saved schedule once, deterministically, and reports whether the bug comes back, with
    /// the interleaving (thread, operation, source line per step).
    /// </summary>
    /// <param name="scheduleFile">A schedule file written by an earlier run of the same test.</param>
    /// <param name="test">The same test body that recorded the schedule.</param>
    /// <param name="name">The calling test's name (filled in by the compiler).</param>
    /// <exception cref="ScheduleFileException">The file is missing, empty, truncated, not a schedule, or from another test.</exception>
    public static SystematicReport Replay(string scheduleFile, Action test, [CallerMemberName] string name = "")
    {
        ArgumentNullException.ThrowIfNull(test);
        return ReplayCore(scheduleFile, test, TestIdentity.Resolve(test, name));
    }

    /// <summary>Replays a saved schedule of an asynchronous test once and reports whether the bug comes back.</summary>
    /// <inheritdoc cref="Replay(string, Action, string)"/>
    public static SystematicReport Replay(string scheduleFile, Func<Task> test, [CallerMemberName] string name = "")
    {
        ArgumentNullException.ThrowIfNull(test);
        return ReplayCore(scheduleFile, test, TestIdentity.Resolve(test, name));
    }

    private static SystematicReport ThrowIfBug(SystematicReport report)
    {
        if (report.BugFound)
        {
            throw new SystematicBugException(report);
        }

        if (report.InconclusiveIterations > 0)
        {
            TestNotice.Show(report.ToString()); // Not a failure, but never silent.
        }

        return report;
    }

    // subject: the user type that stands for the test when the delegate is the harness's own (scenarios).
    private static SystematicReport Run(Delegate test, SystematicOptions? options, string name, Type? subject = null)
    {
        TestIdentity identity = TestIdentity.Resolve(test, name, subject);
        if (Environment.GetEnvironmentVariable("WEAVE_REPLAY") is { Length: > 0 } replay && !IsAnotherCase(replay, identity))
        {
            SystematicReport replayed = ReplayCore(replay, test, identity, subject);
            if (!replayed.BugFound)
            {
                TestNotice.Show(replayed.ToString());
            }

            return replayed;
        }

        options = (options ?? new SystematicOptions()).WithEnvironmentOverrides();
        options.Validate();
        EnsureRewritten(test, identity, subject);
        CoyoteHook.Install();

        // WEAVE_SHARD=i/n: this CI job explores its own slice (a seed derived from the shared base seed, its share of
        // the iterations) and leaves a result for `weave merge`.
        Shard? shard = Shard.FromEnvironment();
        uint baseSeed = options.Seed ?? (shard is null ? (uint)Random.Shared.NextInt64(1, uint.MaxValue) : Shard.DefaultBaseSeed(identity.FullName));
        uint seed = shard?.SeedFor(baseSeed) ?? baseSeed;
        int iterations = shard?.IterationsFor(options.Iterations) ?? options.Iterations;

        SystematicReport report = ExploreOnce(test, options, identity, subject, seed, iterations, out string? interference);
        if (interference is not null)
        {
            // The engines shared something they must not (static state of the test or of the code under test): a
            // parallel run's find that does not replay alone, or an iteration that hung, is not a verdict. The same
            // seed on one engine is (for Random, the exact run the engines split).
            SystematicReport alone = ExploreOnce(test, options with { Parallelism = 1 }, identity, subject, seed, iterations, out _);
            string note = $"The {report.Engines} engines interfered ({interference}), so the run was repeated on one engine: the test " +
                "or the code under test shares state across iterations (a static field, a lock on a static object). " +
                "Set Parallelism = 1 (WEAVE_PARALLELISM=1) for this test to skip the parallel attempt.";
            report = alone with { Hint = alone.Hint is null ? note : $"{alone.Hint} {note}", Elapsed = report.Elapsed + alone.Elapsed };
        }

        report = report with { Shard = shard?.ToString(), BaseSeed = shard is null ? null : baseSeed };
        if (!report.BugFound && !options.ExploreFieldRaces && shard is null && report.InconclusiveIterations == 0 && options.SuggestFieldRaces)
        {
            string? fieldRaces = FieldRaceHint(test, options, seed);
            report = report with { Hint = report.Hint is null || fieldRaces is null ? fieldRaces ?? report.Hint : $"{report.Hint} {fieldRaces}" };
        }

        WriteShardResult(shard, identity, report);
        return report;
    }

    // One exploration on options.Parallelism engines; a find is saved as a schedule and replayed once (quietly) to show
    // where each thread was. interference: why a parallel run's result cannot stand (null when it can).
    private static SystematicReport ExploreOnce(
        Delegate test, SystematicOptions options, TestIdentity identity, Type? subject, uint seed, int iterations, out string? interference)
    {
        interference = null;
        Configuration Configure(uint engineSeed, int engineIterations)
        {
            Configuration configuration = ApplyStrategy(BaseConfiguration(options.MaxSteps), options.Strategy)
                .WithTestingIterations((uint)engineIterations)
                .WithRandomGeneratorSeed(engineSeed)
                .WithMemoryAccessRaceCheckingEnabled(options.ExploreFieldRaces)
                .WithPotentialDeadlocksReportedAsBugs(options.FailOnPotentialHang);
            return CoyoteLogRequested
                ? configuration
                : configuration.WithVerbosityEnabled(VerbosityLevel.Error); // The logger counts potential hangs.
        }

        var stopwatch = Stopwatch.StartNew();
        FaultPlan faults = FaultPlan.From(options);
        ParallelExploration.Outcome outcome = ParallelExploration.Run(
            Configure,
            (configuration, logger) => CreateEngine(configuration, test, faults, logger),
            seed,
            iterations,
            options.Parallelism,
            options.TimeBudget,
            stopwatch,
            attachLogger: !CoyoteLogRequested);
        stopwatch.Stop();

        bool bugFound = outcome.Bug is not null;
        var report = new SystematicReport
        {
            TestName = identity.FullName,
            BugFound = bugFound,
            Bug = outcome.Bug,
            Iterations = outcome.Explored,
            IterationOfFirstBug = outcome.IterationOfBug,
            Elapsed = stopwatch.Elapsed,
            UncontrolledInvocations = outcome.UncontrolledInvocations,
            Strategy = options.Strategy,
            Seed = seed,
            Hint = bugFound ? FaultHint(options.ExploreInterrupts, outcome.Bug) : null,
            InconclusiveIterations = outcome.PotentialHangs,
            Engines = outcome.Engines,
            MaxControlledOperations = outcome.MaxControlledOperations,
            MaxSteps = outcome.MaxSteps,
        };

        if (!bugFound)
        {
            // A hang beside other engines may be theirs; without a find it decides nothing (a find that replays alone
            // does: it is checked below).
            interference = outcome.Engines > 1 && outcome.PotentialHangs > 0 ? $"{outcome.PotentialHangs} iteration(s) hung" : null;
            return report;
        }

        int iteration = outcome.IterationOfBug!.Value;
        string directory = options.TraceDirectory ?? identity.DefaultTraceDirectory;
        string file = Path.Combine(directory, $"{Sanitize(identity.ShortName)}-{seed}-{iteration}.schedule.json");
        // Written under a pending name until it is known to stand: a parallel find that does not replay alone is
        // dropped, and must not replace a schedule of the same name (another version of the same test, the same seed).
        string pending = file + ".pending";
        new ScheduleFile
        {
            Test = identity.FullName,
            TestCase = identity.CaseName,
            Assembly = identity.AssemblyName,
            Project = identity.ProjectForCommand,
            AssemblyPath = identity.AssemblyPath,
            ProgramArguments = identity.ProgramArguments,
            Bug = report.Bug ?? "",
            Strategy = options.Strategy,
            Seed = seed,
            Iteration = iteration,
            ExploreTimeouts = options.ExploreTimeouts,
            ExploreInterrupts = options.ExploreInterrupts,
            ExploreCancellation = options.ExploreCancellation,
            ExploreFieldRaces = options.ExploreFieldRaces,
            FaultsPerIteration = options.FaultsPerIteration,
            MaxSteps = options.MaxSteps,
            CoyoteTrace = outcome.Trace,
        }.Write(pending);

        // Replay the schedule once, quietly, to say where every thread was when the bug struck (for a deadlock: where
        // each one is blocked). After a parallel run it is also the check that the bug is the code's: it must come
        // back on one engine, with nothing else exploring.
        string? lastSteps;
        bool reproduced = false;
        try
        {
            SystematicReport replayed = ReplayCore(pending, test, identity, subject);
            reproduced = replayed.BugFound; // Its text may differ in thread ids and the like; a bug is a bug.
            lastSteps = LastStepOfEachThread(replayed.Interleaving);
        }
        catch (Exception e) when (e is ScheduleFileException or InvalidOperationException)
        {
            lastSteps = $"  (the schedule could not be replayed to show the threads: {e.Message})";
        }

        if (outcome.Engines > 1 && (!reproduced || report.Bug!.Contains(CrossIterationAccess, StringComparison.Ordinal)))
        {
            interference = reproduced
                ? "one used a lock another engine's iteration had created"
                : $"the bug one found in iteration {iteration} did not come back when its schedule was replayed alone";
            File.Delete(pending); // Not a schedule of the code's bug.
            return report;
        }

        File.Move(pending, file, overwrite: true);

        return report with { ScheduleFile = file, ReplayCommand = ReplayCommand(file, identity), Interleaving = lastSteps };
    }

    // Coyote's message when a controlled lock or wait handle is used by another runtime than the one that created it.
    private const string CrossIterationAccess = "that was created in a previous test iteration";

    // A sharded run's result for `weave merge`: artifacts/shards/<Class.Method>.shard-i-of-n.json.
    private static void WriteShardResult(Shard? shard, TestIdentity identity, SystematicReport report)
    {
        if (shard is null)
        {
            return;
        }

        string directory = identity.ArtifactsFor("shards");
        new ShardResult
        {
            Test = identity.FullName,
            TestCase = identity.CaseName,
            Shard = shard.Index,
            Shards = shard.Count,
            Strategy = report.Strategy,
            BaseSeed = report.BaseSeed ?? report.Seed,
            Seed = report.Seed,
            Iterations = report.Iterations,
            BugFound = report.BugFound,
            Bug = report.Bug?.Trim().Split('\n')[0].Trim(),
            IterationOfFirstBug = report.IterationOfFirstBug,
            ScheduleFile = report.ScheduleFile,
            ReplayCommand = report.ReplayCommand,
            ElapsedSeconds = report.Elapsed.TotalSeconds,
        }.Write(Path.Combine(directory, ShardResult.FileName(identity.ShortName, identity.CaseName, shard)));
    }

    // Coyote stops its threads with ThreadInterruptedException and rewrites catch (Exception) so that it never
    // sees one: a thread that lets a delivered interrupt escape just ends, which Coyote then reports as a hang.
    // One more iteration, with Coyote's memory-access scheduling points on, counting plain-field accesses: when
    // more than one thread touches fields, a clean run without ExploreFieldRaces has not explored races on them.
    // The run's verdict stays what it was; the probe only words the suggestion.
    private static string? FieldRaceHint(Delegate test, SystematicOptions options, uint seed)
    {
        try
        {
            Configuration configuration = BaseConfiguration(options.MaxSteps)
                .WithRandomStrategy()
                .WithTestingIterations(1)
                .WithRandomGeneratorSeed(seed)
                .WithMemoryAccessRaceCheckingEnabled(true)
                .WithPotentialDeadlocksReportedAsBugs(false)
                .WithVerbosityEnabled(VerbosityLevel.Exhaustive);
            var probe = new InterleavingLogger { CountFieldAccessesOnly = true };
            using TestingEngine engine = CreateEngine(configuration, test, FaultPlan.From(options with { ExploreInterrupts = false, ExploreCancellation = false }), probe);
            engine.SetLogger(probe);
            engine.Run();
            if (probe.FieldAccessOperations < 2)
            {
                return null;
            }

            string found = engine.TestReport.NumOfFoundBugs > 0
                ? $" One probe iteration with them on already failed: {FirstLine(engine.TestReport.BugReports.FirstOrDefault())}."
                : "";
            return $"{probe.FieldAccessOperations} threads read or write plain fields ({probe.FieldAccesses} accesses in one probe iteration); " +
                "races on fields read outside a lock are explored only with ExploreFieldRaces = true (WEAVE_EXPLORE_FIELD_RACES=1)." + found;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return null; // A suggestion, never a failure of its own.
        }
    }

    private static string FirstLine(string? text) => text is null ? "" : text.Split('\n')[0].Trim();

    private static string? FaultHint(bool exploreInterrupts, string? bug) =>
        exploreInterrupts && bug is not null && bug.Contains("deadlock", StringComparison.OrdinalIgnoreCase)
            ? "ExploreInterrupts is on. A thread that lets a ThreadInterruptedException escape ends silently under Coyote " +
              "(it reports what follows as a deadlock or hang), and catch (Exception) does not see the interrupt there: " +
              "catch ThreadInterruptedException by its own type in every thread that may be interrupted. If they all do, " +
              "this is a lost wake-up."
            : null;

    // The last line of each operation in an interleaving: where each thread stopped.
    private static string? LastStepOfEachThread(string? interleaving)
    {
        if (string.IsNullOrWhiteSpace(interleaving))
        {
            return null;
        }

        var last = new Dictionary<string, string>();
        foreach (string line in interleaving.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 2 && fields[1].StartsWith("Op(", StringComparison.Ordinal))
            {
                last[fields[1]] = line.TrimEnd();
            }
        }

        return last.Count == 0 ? null : string.Join(Environment.NewLine, last.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value));
    }

    private static SystematicReport ReplayCore(string scheduleFile, Delegate test, TestIdentity identity, Type? subject = null)
    {
        scheduleFile = Resolve(scheduleFile, identity);
        ScheduleFile schedule = ScheduleFile.Read(scheduleFile);
        if (schedule.Test != identity.FullName)
        {
            throw new ScheduleFileException(scheduleFile,
                $"it was recorded by test '{schedule.Test}', not by '{identity.FullName}'; replay it with that test.");
        }

        EnsureRewritten(test, identity, subject);
        CoyoteHook.Install();

        var logger = new InterleavingLogger();
        Configuration configuration;
        try
        {
            configuration = BaseConfiguration(schedule.MaxSteps)
                .WithMemoryAccessRaceCheckingEnabled(schedule.ExploreFieldRaces) // The trace's own settings say the same.
                .WithReproducibleTrace(schedule.CoyoteTrace)
                .WithVerbosityEnabled(VerbosityLevel.Exhaustive);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException or System.Text.Json.JsonException)
        {
            throw new ScheduleFileException(scheduleFile, $"its Coyote trace cannot be used ({e.Message}).", e);
        }

        var stopwatch = Stopwatch.StartNew();
        using TestingEngine engine = CreateEngine(configuration, test, schedule.Faults, logger);
        engine.SetLogger(logger);
        engine.Run();
        stopwatch.Stop();

        TestReport result = engine.TestReport;
        bool reproduced = result.NumOfFoundBugs > 0;
        string? bug = reproduced ? result.BugReports.FirstOrDefault() : null;
        if (reproduced && !SameBug(bug, schedule.Bug))
        {
            bug += $"{Environment.NewLine}(recorded bug: {schedule.Bug.Trim()})";
        }

        return new SystematicReport
        {
            TestName = identity.FullName,
            IsReplay = true,
            BugFound = reproduced,
            Bug = bug,
            Iterations = 1,
            IterationOfFirstBug = reproduced ? 1 : null,
            Elapsed = stopwatch.Elapsed,
            UncontrolledInvocations = [.. result.UncontrolledInvocations],
            Strategy = schedule.Strategy,
            Seed = schedule.Seed,
            ScheduleFile = Path.GetFullPath(scheduleFile),
            ReplayCommand = ReplayCommand(Path.GetFullPath(scheduleFile), identity),
            Interleaving = logger.Text,
        };
    }

    // A theory's replay command selects the whole method: every case but the one that recorded the schedule
    // runs as usual instead of replaying another case's schedule with its own arguments.
    private static bool IsAnotherCase(string scheduleFile, TestIdentity identity)
    {
        try
        {
            ScheduleFile schedule = ScheduleFile.Read(Resolve(scheduleFile, identity));

            // A console program may run several checks: the others explore as usual while one of them replays.
            return (identity.IsConsoleProgram && schedule.Test != identity.FullName)
                || (schedule.Test == identity.FullName && schedule.TestCase is not null && identity.CaseName is not null
                    && schedule.TestCase != identity.CaseName);
        }
        catch (ScheduleFileException)
        {
            return false; // ReplayCore reports what is wrong with the file.
        }
    }

    // The same bug when the text matches once stack frames are set aside: a replay runs through a slightly
    // different harness path (one more frame, another line), which is not a different bug.
    private static bool SameBug(string? replayed, string recorded)
    {
        static string Core(string? text) => string.Join('\n', (text ?? "").Split('\n')
            .Select(line => line.TrimEnd())
            .Where(line => line.Length > 0 && !line.TrimStart().StartsWith("at ", StringComparison.Ordinal)
                && !line.TrimStart().StartsWith("--- End of", StringComparison.Ordinal)));
        return string.Equals(Core(replayed), Core(recorded), StringComparison.Ordinal);
    }

    // A relative path is the user's, typed in a shell whose directory the test process does not know
    // (test runners start it elsewhere): try it as given, then from the repository root and the test project.
    private static string Resolve(string scheduleFile, TestIdentity identity)
    {
        if (string.IsNullOrWhiteSpace(scheduleFile) || Path.IsPathRooted(scheduleFile) || File.Exists(scheduleFile))
        {
            return scheduleFile;
        }

        foreach (string? root in new[] { identity.RepositoryRoot, identity.ProjectDirectory })
        {
            if (root is not null && File.Exists(Path.Combine(root, scheduleFile)))
            {
                return Path.Combine(root, scheduleFile);
            }
        }

        return scheduleFile;
    }

    private static Configuration BaseConfiguration(int maxSteps) =>
        Configuration.Create()
            .WithMaxSchedulingSteps((uint)maxSteps)
            .WithFailureOnMaxStepsBoundEnabled(true) // A run that never ends is a livelock: a bug.
            .WithTelemetryEnabled(false)
            .WithTraceAnalysisEnabled(false) // Coyote's execution graph (a node and edges per step) only feeds DGML files Weave never writes.
            .WithConsoleLoggingEnabled(CoyoteLogRequested)
            .WithVerbosityEnabled(CoyoteLogRequested ? VerbosityLevel.Debug : VerbosityLevel.None);

    // WEAVE_COYOTE_LOG=1 prints Coyote's own debug log of an exploration (every scheduling decision).
    private static bool CoyoteLogRequested => Environment.GetEnvironmentVariable("WEAVE_COYOTE_LOG") is { Length: > 0 } and not "0";

    private static Configuration ApplyStrategy(Configuration configuration, SystematicStrategy strategy) => strategy switch
    {
        SystematicStrategy.Random => configuration.WithRandomStrategy(),
        SystematicStrategy.Probabilistic => configuration.WithProbabilisticStrategy(),
        SystematicStrategy.Prioritization => configuration.WithPrioritizationStrategy(isFair: false),
        SystematicStrategy.FairPrioritization => configuration.WithPrioritizationStrategy(isFair: true),
        SystematicStrategy.QLearning => configuration.WithQLearningStrategy(),
        SystematicStrategy.Portfolio => configuration, // Coyote's default: its tuned, fair portfolio.
        _ => throw new ArgumentOutOfRangeException(nameof(strategy), strategy, "Unknown strategy."),
    };

    // The wrapper marks the run as controlled (for TimedWait) before the test body runs; it returns the
    // test's task rather than awaiting it, because this assembly is not rewritten.
    private static TestingEngine CreateEngine(Configuration configuration, Delegate test, FaultPlan faults, InterleavingLogger? logger = null) => test switch
    {
        Action action => TestingEngine.Create(configuration, () =>
        {
            CoyoteHook.EnterControlledTest(faults);
            logger?.CaptureRuntime();
            action();
        }),
        Func<Task> function => TestingEngine.Create(configuration, () =>
        {
            CoyoteHook.EnterControlledTest(faults);
            logger?.CaptureRuntime();
            return function();
        }),
        _ => throw new ArgumentException("The test must be an Action or a Func<Task>.", nameof(test)),
    };

    private static void EnsureRewritten(Delegate test, TestIdentity identity, Type? subject)
    {
        foreach (Assembly? assembly in new[] { (subject ?? test.Method.DeclaringType)?.Assembly, typeof(TimedWait).Assembly })
        {
            if (assembly is not null && !assembly.GetCustomAttributes().Any(a => a.GetType().FullName == RewritingAttribute))
            {
                throw new InvalidOperationException(
                    $"'{assembly.GetName().Name}' was not rewritten for Coyote, so the systematic test '{identity.FullName}' " +
                    "would explore nothing and pass. Add <Import Project=\"<path to>/src/Harness/build/Weave.Harness.targets\" /> " +
                    "to the test project (a Weave.Harness package reference does this by itself), then rebuild.");
            }
        }
    }

    // One command that works when pasted anywhere: it changes to the repository root (where
    // global.json picks the test runner) and uses that runner's syntax for selecting one test, with
    // detailed output so that a replay that no longer reproduces the bug says so.
    private static string ReplayCommand(string scheduleFile, TestIdentity identity)
    {
        string cd = identity.CommandDirectory is null ? "" : $"cd {Quote(identity.CommandDirectory)} && ";
        string project = identity.ProjectForCommand is string p ? Quote(p) : "";
        if (identity.ProgramArguments is { } arguments)
        {
            // A console program: run it again, with the same arguments; its check replays the schedule.
            string rest = arguments.Count == 0 ? "" : $" -- {string.Join(' ', arguments.Select(Quote))}";
            return $"{cd}WEAVE_REPLAY={Quote(scheduleFile)} dotnet run{(project.Length > 0 ? $" --project {project}" : "")}{rest}";
        }

        string select = identity.UsesTestingPlatform
            ? $"dotnet test{(project.Length > 0 ? $" --project {project}" : "")} --filter-method \"{identity.FullName}\" --output detailed"
            : $"dotnet test{(project.Length > 0 ? $" {project}" : "")} --filter \"FullyQualifiedName={identity.FullName}\" --logger \"console;verbosity=detailed\"";
        return $"{cd}WEAVE_REPLAY={Quote(scheduleFile)} {select}";
    }

    private static string Quote(string path) =>
        path.Length == 0 || path.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"' or '$' or '&' or ';' or '(' or ')' or '|' or '<' or '>' or '*' or '?' or '`' or '\\')
            ? $"'{path.Replace("'", "'\\''", StringComparison.Ordinal)}'"
            : path;

    private static string Sanitize(string name) =>
        new(name.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_').ToArray());
}
