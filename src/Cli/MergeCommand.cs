using System.ComponentModel;
using Spectre.Console.Cli;
using Weave.Harness;

namespace Weave.Cli;

/// <summary>
/// <c>weave merge &lt;folder&gt;…</c>: combines the results of a sharded systematic run (<c>WEAVE_SHARD=i/n</c>; each CI
/// job's <c>artifacts/shards/*.json</c>, downloaded into folders) into one verdict per test and one exit code: 1 when
/// any shard found a bug, 2 when a folder holds no result, a file is not one, or a test's shards are missing or
/// disagree on their count; 0 when every test's shards are all there and clean. Each bug's schedule is named where
/// it lies now, with the command that replays it here.
/// </summary>
internal sealed class MergeCommand : Command<MergeCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<folders>")]
        [Description("Folders holding the shards' results (searched recursively for *.shard-*-of-*.json, as each shard writes them under artifacts/shards).")]
        public string[] Folders { get; init; } = [];
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var results = new List<ShardResult>();
        foreach (string folder in settings.Folders)
        {
            if (!Directory.Exists(folder))
            {
                return Errors.BadInput($"{folder}: no such folder.");
            }

            string[] files = Directory.GetFiles(folder, "*.shard-*-of-*.json", SearchOption.AllDirectories);
            if (files.Length == 0)
            {
                return Errors.BadInput($"{folder}: no shard result (*.shard-i-of-n.json) in it or below it; did the shard run with WEAVE_SHARD set?");
            }

            foreach (string file in files.Order(StringComparer.Ordinal))
            {
                try
                {
                    results.Add(ShardResult.Read(file));
                }
                catch (Exception e) when (e is FormatException or IOException)
                {
                    return Errors.BadInput(e.Message);
                }
            }
        }

        var tests = results.GroupBy(r => (r.Test, r.TestCase)).OrderBy(g => g.Key.Test, StringComparer.Ordinal).ThenBy(g => g.Key.TestCase, StringComparer.Ordinal).ToList();
        var problems = new List<string>();
        int bugs = 0;
        Console.WriteLine($"{tests.Count} test(s) from {results.Count} shard result(s):");
        foreach (var test in tests)
        {
            string name = test.Key.TestCase ?? test.Key.Test;
            int[] counts = [.. test.Select(r => r.Shards).Distinct()];
            int shards = counts.Max();
            var seen = test.Select(r => r.Shard).ToHashSet();
            int[] missing = [.. Enumerable.Range(1, shards).Where(i => !seen.Contains(i))];
            int[] duplicated = [.. test.GroupBy(r => r.Shard).Where(g => g.Count() > 1).Select(g => g.Key).Order()];
            var found = test.Where(r => r.BugFound).OrderBy(r => r.Shard).ToList();
            int iterations = test.Sum(r => r.Iterations);
            string verdict = found.Count > 0 ? $"BUG in shard {string.Join(", ", found.Select(r => $"{r.Shard}/{r.Shards}"))}" : "clean";
            Console.WriteLine($"  {name}: {verdict} ({iterations} iterations over {seen.Count} of {shards} shards, base seed {test.First().BaseSeed})");
            if (counts.Length > 1)
            {
                problems.Add($"{name}: the shards disagree on their count ({string.Join(", ", counts)}); were they from one run?");
            }

            if (missing.Length > 0)
            {
                problems.Add($"{name}: no result from shard {string.Join(", ", missing.Select(i => $"{i}/{shards}"))}; its verdict covers only the shards present.");
            }

            if (duplicated.Length > 0)
            {
                problems.Add($"{name}: shard {string.Join(", ", duplicated)} appears more than once; merge the folders of one run.");
            }

            foreach (var bug in found)
            {
                bugs++;
                string schedule = LocalSchedule(bug);
                Console.WriteLine($"    shard {bug.Shard}/{bug.Shards}, iteration {bug.IterationOfFirstBug} (seed {bug.Seed}): {bug.Bug}");
                Console.WriteLine(File.Exists(schedule)
                    ? $"    Replay: {CommandLine.Weave("replay", schedule)}"
                    : $"    Schedule: {bug.ScheduleFile} (not among the merged folders; download that shard's artifacts/schedules too)");
            }
        }

        foreach (string problem in problems)
        {
            Console.Error.WriteLine($"{(Console.IsErrorRedirected ? "warning:" : "\u001b[33mwarning:\u001b[0m")} {problem}");
        }

        Console.WriteLine(bugs > 0
            ? $"{bugs} bug(s) found by {tests.Count(t => t.Any(r => r.BugFound))} test(s)."
            : problems.Count > 0 ? "No bug in the shards present, but the run is incomplete." : "No bug in any shard.");
        return bugs > 0 ? ExitCodes.Finding : problems.Count > 0 ? ExitCodes.BadInput : ExitCodes.Ok;
    }

    // The shard's schedule where it lies now: the shard wrote it on its machine (artifacts/schedules beside
    // artifacts/shards); a downloaded artifact keeps that layout (or holds both files in one folder); on the
    // machine that ran the shard, the recorded path itself.
    private static string LocalSchedule(ShardResult result)
    {
        if (result.ScheduleFile is null)
        {
            return "";
        }

        string file = Path.GetFileName(result.ScheduleFile);
        string shards = Path.GetDirectoryName(result.Path!)!;
        foreach (string candidate in new[]
        {
            Path.Combine(Path.GetDirectoryName(shards)!, "schedules", file),
            Path.Combine(shards, file),
            result.ScheduleFile,
        })
        {
            if (File.Exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        return "";
    }
}
