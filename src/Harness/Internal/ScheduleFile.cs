using System.Text.Json;
using System.Text.Json.Nodes;

namespace Weave.Harness;

/// <summary>
/// A saved schedule: the Coyote trace that reproduces a bug, plus what is needed to replay it
/// faithfully (the test it belongs to, which faults were explored, the step bound).
/// </summary>
internal sealed record ScheduleFile
{
    internal const string FormatName = "weave-schedule/1";

    public required string Test { get; init; }

    /// <summary>The theory case that recorded it (its display name with arguments), or null.</summary>
    public string? TestCase { get; init; }

    public string? Assembly { get; init; }

    public string? Project { get; init; }

    public string? AssemblyPath { get; init; }

    /// <summary>Set when a console program (no test framework) recorded the schedule: its command-line arguments,
    /// so that a replay runs it the same way.</summary>
    public IReadOnlyList<string>? ProgramArguments { get; init; }

    public required string Bug { get; init; }

    public SystematicStrategy Strategy { get; init; }

    public uint Seed { get; init; }

    public int Iteration { get; init; }

    public bool ExploreTimeouts { get; init; }

    public bool ExploreInterrupts { get; init; }

    public bool ExploreCancellation { get; init; }

    public bool ExploreFieldRaces { get; init; }

    public int FaultsPerIteration { get; init; }

    /// <summary>The faults the recorded run delivered: a replay must offer the scheduler the same choices.</summary>
    internal FaultPlan Faults => new(ExploreTimeouts, ExploreInterrupts, ExploreCancellation, FaultsPerIteration);

    public int MaxSteps { get; init; }

    public required string CoyoteTrace { get; init; }

    internal void Write(string path)
    {
        var json = new JsonObject
        {
            ["format"] = FormatName,
            ["test"] = Test,
            ["testCase"] = TestCase,
            ["assembly"] = Assembly,
            ["project"] = Project,
            ["assemblyPath"] = AssemblyPath,
            ["programArguments"] = ProgramArguments is null ? null : new JsonArray([.. ProgramArguments.Select(a => (JsonNode?)a)]),
            ["bug"] = Bug,
            ["strategy"] = Strategy.ToString(),
            ["seed"] = Seed,
            ["iteration"] = Iteration,
            ["exploreTimeouts"] = ExploreTimeouts,
            ["exploreInterrupts"] = ExploreInterrupts,
            ["exploreCancellation"] = ExploreCancellation,
            ["exploreFieldRaces"] = ExploreFieldRaces,
            ["faultsPerIteration"] = FaultsPerIteration,
            ["maxSteps"] = MaxSteps,
            ["createdUtc"] = DateTime.UtcNow.ToString("O"),
            ["coyoteTrace"] = JsonNode.Parse(CoyoteTrace),
        };
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        File.WriteAllText(path, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>Reads and validates a schedule file; every problem is a <see cref="ScheduleFileException"/> naming the file.</summary>
    internal static ScheduleFile Read(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ScheduleFileException(path ?? "", "no path was given.");
        }

        if (!File.Exists(path))
        {
            throw new ScheduleFileException(path, "the file does not exist.");
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ScheduleFileException(path, $"the file cannot be read ({e.Message}).", e);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ScheduleFileException(path, "the file is empty.");
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            throw new ScheduleFileException(path, $"the file is not valid JSON (truncated or corrupt: {e.Message}).", e);
        }

        if (root is not JsonObject obj || (string?)Get<string>(obj, "format") != FormatName)
        {
            throw new ScheduleFileException(path, $"the file is not a Weave schedule (no \"format\": \"{FormatName}\").");
        }

        string test = Get<string>(obj, "test") ?? throw new ScheduleFileException(path, "the schedule does not say which test recorded it.");
        if (obj["coyoteTrace"] is not JsonObject trace || trace["Steps"] is not JsonArray)
        {
            throw new ScheduleFileException(path, "the schedule has no Coyote trace (\"coyoteTrace\" with \"Steps\").");
        }

        try
        {
            return new ScheduleFile
            {
                Test = test,
                TestCase = Get<string>(obj, "testCase"),
                Assembly = Get<string>(obj, "assembly"),
                Project = Get<string>(obj, "project"),
                AssemblyPath = Get<string>(obj, "assemblyPath"),
                ProgramArguments = obj["programArguments"] is JsonArray arguments ? [.. arguments.Select(a => a!.GetValue<string>())] : null,
                Bug = Get<string>(obj, "bug") ?? "",
                Strategy = Enum.TryParse(Get<string>(obj, "strategy"), out SystematicStrategy strategy) ? strategy : SystematicStrategy.Random,
                Seed = obj["seed"]?.GetValue<uint>() ?? 0,
                Iteration = obj["iteration"]?.GetValue<int>() ?? 0,
                ExploreTimeouts = obj["exploreTimeouts"]?.GetValue<bool>() ?? true,
                ExploreInterrupts = obj["exploreInterrupts"]?.GetValue<bool>() ?? false,
                ExploreCancellation = obj["exploreCancellation"]?.GetValue<bool>() ?? false,
                ExploreFieldRaces = obj["exploreFieldRaces"]?.GetValue<bool>() ?? false,
                FaultsPerIteration = obj["faultsPerIteration"]?.GetValue<int>() ?? new SystematicOptions().FaultsPerIteration,
                MaxSteps = obj["maxSteps"]?.GetValue<int>() ?? new SystematicOptions().MaxSteps,
                CoyoteTrace = trace.ToJsonString(),
            };
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            throw new ScheduleFileException(path, $"a field has the wrong type ({e.Message}).", e);
        }
    }

    private static T? Get<T>(JsonObject obj, string name)
    {
        try
        {
            return obj[name] is JsonValue value ? value.GetValue<T>() : default;
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            return default;
        }
    }
}
