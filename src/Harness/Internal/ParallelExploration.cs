using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Microsoft.Coyote;
using Microsoft.Coyote.SystematicTesting;

namespace Weave.Harness;

/// <summary>
/// One exploration's iterations on several Coyote engines at once (<see cref="SystematicOptions.Parallelism"/>), in
/// this process: each engine runs on its own thread and explores a contiguous slice of the iterations.
/// </summary>
/// <remarks>
/// <para>Why in-process: a Coyote engine keeps its state per engine and per runtime (the controlled runtime flows with
/// the execution context, Weave's hook is async-local per iteration, the deadlock confirmation and the logger are per
/// engine), and test frameworks already run several engines side by side in one process; separate processes would add
/// a start-up and a rebuild per engine without isolating anything more.</para>
/// <para>Why contiguous slices: Coyote reseeds its generator with <c>seed + i</c> before iteration <c>i</c>, so an
/// engine seeded with <c>seed + start</c> explores iterations <c>start…</c> exactly as one engine would have (for
/// strategies that carry nothing from one iteration to the next: Random, Probabilistic; Prioritization, QLearning and
/// Portfolio learn from earlier iterations, so the later slices differ a little). The first bug in iteration order is
/// the one reported: a bug found by an engine stops the engines after it at their next iteration, while the engines
/// before it run on until they end or find one of their own. So the verdict, the bug, its iteration and its schedule
/// are the same on every run with the same seed and Parallelism — and, for Random and Probabilistic, the same as one
/// engine gets.</para>
/// </remarks>
internal static class ParallelExploration
{
    /// <summary>What the engines found together.</summary>
    internal sealed record Outcome
    {
        /// <summary>Iterations every engine ran, together.</summary>
        public required int Explored { get; init; }

        /// <summary>How many engines ran.</summary>
        public required int Engines { get; init; }

        public required int PotentialHangs { get; init; }

        public required IReadOnlyCollection<string> UncontrolledInvocations { get; init; }

        /// <summary>The first bug in iteration order, or null.</summary>
        public string? Bug { get; init; }

        /// <summary>The bug's iteration (1-based, counted over the whole run as one engine would count it).</summary>
        public int? IterationOfBug { get; init; }

        /// <summary>Coyote's reproducible trace of the bug's iteration.</summary>
        public string Trace { get; init; } = "";

        /// <summary>The most controlled operations any iteration had (on any engine).</summary>
        public int MaxControlledOperations { get; init; }

        /// <summary>The most scheduling steps any iteration took (on any engine).</summary>
        public int MaxSteps { get; init; }
    }

    private static readonly AsyncLocal<int?> s_engine = new();

    /// <summary>The index of the engine running the current iteration of a parallel exploration (flows into the
    /// test's threads); null outside one (a single engine's run, a replay).</summary>
    internal static int? CurrentEngine => s_engine.Value;

    // Potential hangs (code Coyote does not control ran with no scheduling step for a second) end the run after this many.
    internal const int MaxInconclusiveIterations = 3;

    /// <summary>Runs <paramref name="iterations"/> iterations from <paramref name="seed"/> on up to
    /// <paramref name="parallelism"/> engines (never more engines than iterations).</summary>
    /// <param name="configure">The configuration of one engine, given its seed and its iteration count.</param>
    /// <param name="create">Creates one engine with its own logger.</param>
    /// <param name="seed">The run's seed: engine k starts at <c>seed + its first iteration</c>.</param>
    /// <param name="iterations">The run's iterations, split into contiguous slices.</param>
    /// <param name="parallelism">Engines at most.</param>
    /// <param name="timeBudget">Stop starting iterations once the stopwatch passes it; null: no limit.</param>
    /// <param name="stopwatch">The run's stopwatch.</param>
    /// <param name="attachLogger">Give each engine its logger as Coyote's (false when Coyote's own log is requested).</param>
    internal static Outcome Run(
        Func<uint, int, Configuration> configure,
        Func<Configuration, InterleavingLogger, TestingEngine> create,
        uint seed,
        int iterations,
        int parallelism,
        TimeSpan? timeBudget,
        Stopwatch stopwatch,
        bool attachLogger)
    {
        int engines = Math.Clamp(parallelism, 1, iterations);
        var slices = new Slice[engines];
        for (int k = 0; k < engines; k++)
        {
            int start = (int)((long)iterations * k / engines);
            int end = (int)((long)iterations * (k + 1) / engines);
            slices[k] = new Slice(k, start, end - start);
        }

        var shared = new Shared(slices, timeBudget, stopwatch) { Cpus = EngineAffinity.Plan(engines) };
        var threads = new Thread[engines - 1];
        for (int k = 1; k < engines; k++)
        {
            Slice slice = slices[k];
            threads[k - 1] = new Thread(() => RunSlice(slice, shared, configure, create, seed, attachLogger))
            {
                IsBackground = true,
                Name = $"weave-engine-{k}",
            };
            threads[k - 1].Start();
        }

        RunSlice(slices[0], shared, configure, create, seed, attachLogger); // The caller's thread is engine 0.
        foreach (Thread thread in threads)
        {
            thread.Join();
        }

        if (slices.Select(s => s.Failure).FirstOrDefault(f => f is not null) is { } failure)
        {
            failure.Throw();
        }

        Slice? found = slices.FirstOrDefault(s => s.Bug is not null);
        return new Outcome
        {
            Explored = slices.Sum(s => s.Started),
            Engines = engines,
            PotentialHangs = slices.Sum(s => s.Logger?.PotentialHangs ?? 0),
            UncontrolledInvocations = slices.SelectMany(s => s.Uncontrolled).Distinct(StringComparer.Ordinal).ToArray(),
            Bug = found?.Bug,
            IterationOfBug = found is null ? null : found.Start + found.Started,
            Trace = found?.Trace ?? "",
            MaxControlledOperations = slices.Max(s => s.MaxControlledOperations),
            MaxSteps = slices.Max(s => s.MaxSteps),
        };
    }

    private static void RunSlice(
        Slice slice,
        Shared shared,
        Func<uint, int, Configuration> configure,
        Func<Configuration, InterleavingLogger, TestingEngine> create,
        uint seed,
        bool attachLogger)
    {
        try
        {
            var logger = new InterleavingLogger();
            slice.Logger = logger;
            s_engine.Value = shared.Engines > 1 ? slice.Index : null; // Flows into the engine's iterations; reset below.
            using TestingEngine engine = create(configure(unchecked(seed + (uint)slice.Start), slice.Count), logger);
            if (attachLogger)
            {
                engine.SetLogger(logger); // Swallows Coyote's progress output; counts potential hangs.
            }

            engine.RegisterStartIterationCallBack(i =>
            {
                if (shared.ShouldStop(slice.Index))
                {
                    // Ends the engine's run before this iteration starts (Coyote lets a TaskCanceledException from a
                    // callback end its testing task quietly); engine.Stop() would instead return from Run while the
                    // current iteration still runs on.
                    throw new TaskCanceledException();
                }

                slice.Started = (int)i + 1;
                if (shared.Cpus is { } cpus)
                {
                    EngineAffinity.Pin(cpus[slice.Index]); // This iteration's threads inherit it.
                }
            });
            if (shared.Cpus is not null)
            {
                engine.RegisterEndIterationCallBack(_ => EngineAffinity.Restore()); // The thread is the thread pool's.
            }

            engine.Run();

            TestReport report = engine.TestReport;
            slice.Uncontrolled = [.. report.UncontrolledInvocations];
            slice.MaxControlledOperations = report.MaxControlledOperations;
            slice.MaxSteps = Math.Max(report.MaxExploredFairSteps, report.MaxExploredUnfairSteps);
            if (report.NumOfFoundBugs > 0)
            {
                slice.Trace = engine.ReproducibleTrace;
                slice.Bug = report.BugReports.FirstOrDefault() ?? "";
                shared.Found(slice.Index);
            }
        }
        catch (Exception e)
        {
            slice.Failure = ExceptionDispatchInfo.Capture(e);
            shared.Found(slice.Index); // An internal error stops the later engines too; it is rethrown.
        }
        finally
        {
            s_engine.Value = null; // Engine 0 is the caller's thread.
        }
    }

    private sealed class Slice(int index, int start, int count)
    {
        public int Index { get; } = index;

        public int Start { get; } = start;

        public int Count { get; } = count;

        public int Started { get; set; }

        public InterleavingLogger? Logger { get; set; }

        public string[] Uncontrolled { get; set; } = [];

        public int MaxControlledOperations { get; set; }

        public int MaxSteps { get; set; }

        public string? Bug { get; set; }

        public string Trace { get; set; } = "";

        public ExceptionDispatchInfo? Failure { get; set; }
    }

    private sealed class Shared(Slice[] slices, TimeSpan? timeBudget, Stopwatch stopwatch)
    {
        public int Engines => slices.Length;

        /// <summary>The CPU each engine's iterations run on (<see cref="EngineAffinity"/>), or null.</summary>
        public int[]? Cpus { get; init; }

        private int _firstFound = int.MaxValue;

        // Called by the engine that found a bug: every engine after it stops at its next iteration.
        public void Found(int index)
        {
            int current;
            do
            {
                current = Volatile.Read(ref _firstFound);
            }
            while (index < current && Interlocked.CompareExchange(ref _firstFound, index, current) != current);
        }

        public bool ShouldStop(int index) =>
            Volatile.Read(ref _firstFound) < index
            || (timeBudget is TimeSpan budget && stopwatch.Elapsed > budget) // Out of time: no verdict on the rest.
            || slices.Sum(s => s.Logger?.PotentialHangs ?? 0) >= MaxInconclusiveIterations; // Each costs a second.
    }
}
