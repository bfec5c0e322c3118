using System.Text.Json;
using System.Text.Json.Nodes;

namespace Weave.Harness;

/// <summary>
/// What one shard of a sharded systematic run found for one test (<c>WEAVE_SHARD=i/n</c>): written as JSON
/// (format <c>weave-shard/1</c>) under <c>artifacts/shards</c>, read back by <c>weave merge</c>, which combines the
/// shards of every test into one verdict.
/// </summary>
public sealed record ShardResult
{
    /// <summary>The format name written in every file.</summary>
    public const string Format = "weave-shard/1";

    /// <summary>The test's fully qualified name.</summary>
    public required string Test { get; init; }

    /// <summary>For a theory case, its display name with the arguments; else null.</summary>
    public string? TestCase { get; init; }

    /// <summary>This shard's number, 1-based.</summary>
    public int Shard { get; init; }

    /// <summary>How many shards the run has.</summary>
    public int Shards { get; init; }

    /// <summary>The strategy.</summary>
    public SystematicStrategy Strategy { get; init; }

    /// <summary>The seed every shard of the run derived its own from.</summary>
    public uint BaseSeed { get; init; }

    /// <summary>This shard's seed.</summary>
    public uint Seed { get; init; }

    /// <summary>Iterations this shard ran.</summary>
    public int Iterations { get; init; }

    /// <summary>True when this shard found a bug.</summary>
    public bool BugFound { get; init; }

    /// <summary>The bug's first line, or null.</summary>
    public string? Bug { get; init; }

    /// <summary>The iteration (of this shard) that found it, or null.</summary>
    public int? IterationOfFirstBug { get; init; }

    /// <summary>The schedule file as this shard wrote it (its machine's path), or null.</summary>
    public string? ScheduleFile { get; init; }

    /// <summary>The replay command this shard printed (its machine's paths), or null.</summary>
    public string? ReplayCommand { get; init; }

    /// <summary>Seconds the shard's exploration took.</summary>
    public double ElapsedSeconds { get; init; }

    /// <summary>Where this result was read from (set by <see cref="Read"/>).</summary>
    public string? Path { get; init; }

    /// <summary>Writes the result as JSON to <paramref name="path"/> (folders created).</summary>
    /// <param name="path">The file.</param>
    public void Write(string path)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        var json = new JsonObject
        {
            ["format"] = Format,
            ["test"] = Test,
            ["testCase"] = TestCase,
            ["shard"] = Shard,
            ["shards"] = Shards,
            ["strategy"] = Strategy.ToString(),
            ["baseSeed"] = BaseSeed,
            ["seed"] = Seed,
            ["iterations"] = Iterations,
            ["bugFound"] = BugFound,
            ["bug"] = Bug,
            ["iterationOfFirstBug"] = IterationOfFirstBug,
            ["scheduleFile"] = ScheduleFile,
            ["replayCommand"] = ReplayCommand,
            ["elapsedSeconds"] = Math.Round(ElapsedSeconds, 3),
        };
        File.WriteAllText(path, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + Environment.NewLine);
    }

    /// <summary>Reads a result written by <see cref="Write"/>.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The result, with <see cref="Path"/> set.</returns>
    /// <exception cref="FormatException">The file is not a <c>weave-shard/1</c> result, or a field is missing or has the wrong type; the message names the file and the field.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static ShardResult Read(string path)
    {
        JsonObject obj;
        try
        {
            obj = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new FormatException($"{path}: not a JSON object.");
        }
        catch (JsonException e)
        {
            throw new FormatException($"{path}: not valid JSON ({e.Message}).", e);
        }

        if ((string?)obj["format"] != Format)
        {
            throw new FormatException($"{path}: field 'format' must be \"{Format}\".");
        }

        try
        {
            var result = new ShardResult
            {
                Test = (string?)obj["test"] ?? throw new FormatException($"{path}: field 'test' is missing."),
                TestCase = (string?)obj["testCase"],
                Shard = (int?)obj["shard"] ?? throw new FormatException($"{path}: field 'shard' is missing."),
                Shards = (int?)obj["shards"] ?? throw new FormatException($"{path}: field 'shards' is missing."),
                Strategy = Enum.TryParse((string?)obj["strategy"], out SystematicStrategy strategy) ? strategy
                    : throw new FormatException($"{path}: field 'strategy' is not a strategy."),
                BaseSeed = (uint?)obj["baseSeed"] ?? 0,
                Seed = (uint?)obj["seed"] ?? 0,
                Iterations = (int?)obj["iterations"] ?? throw new FormatException($"{path}: field 'iterations' is missing."),
                BugFound = (bool?)obj["bugFound"] ?? throw new FormatException($"{path}: field 'bugFound' is missing."),
                Bug = (string?)obj["bug"],
                IterationOfFirstBug = (int?)obj["iterationOfFirstBug"],
                ScheduleFile = (string?)obj["scheduleFile"],
                ReplayCommand = (string?)obj["replayCommand"],
                ElapsedSeconds = (double?)obj["elapsedSeconds"] ?? 0,
                Path = System.IO.Path.GetFullPath(path),
            };
            return result.Shard >= 1 && result.Shard <= result.Shards
                ? result
                : throw new FormatException($"{path}: field 'shard' must be between 1 and 'shards' ({result.Shards}); it is {result.Shard}.");
        }
        catch (InvalidOperationException e)
        {
            throw new FormatException($"{path}: a field has the wrong type ({e.Message}).", e);
        }
    }

    /// <summary>The file name a shard writes for a test: <c>&lt;Class.Method&gt;[-&lt;case hash&gt;].shard-i-of-n.json</c>.</summary>
    internal static string FileName(string shortName, string? testCase, Weave.Harness.Shard shard)
    {
        string name = string.Concat(shortName.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' ? c : '_'));
        if (testCase is not null)
        {
            name += "-" + TextHash.Fnv1a(testCase).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
        }

        return $"{name}.shard-{shard.Index}-of-{shard.Count}.json";
    }
}
