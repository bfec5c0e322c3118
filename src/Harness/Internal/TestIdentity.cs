using System.Reflection;
using System.Runtime.CompilerServices;

namespace Weave.Harness;

/// <summary>Which test is running, and where its project and repository are, for file names and the replay command.</summary>
internal sealed record TestIdentity(string FullName, string ShortName, string? AssemblyName, string? ProjectDirectory, string? RepositoryRoot)
{
    /// <summary>
    /// True when <c>dotnet test</c> in this repository runs Microsoft.Testing.Platform (a global.json
    /// with <c>"test": { "runner": "Microsoft.Testing.Platform" }</c>), whose options differ from VSTest's.
    /// </summary>
    public bool UsesTestingPlatform
    {
        get
        {
            for (DirectoryInfo? dir = ProjectDirectory is null ? null : new DirectoryInfo(ProjectDirectory); dir is not null; dir = dir.Parent)
            {
                string globalJson = Path.Combine(dir.FullName, "global.json");
                if (File.Exists(globalJson))
                {
                    return File.ReadAllText(globalJson).Contains("Microsoft.Testing.Platform", StringComparison.Ordinal);
                }
            }

            return false;
        }
    }

    /// <summary>The test assembly's file (what `weave replay` runs), when it has one.</summary>
    public string? AssemblyPath { get; init; }

    /// <summary>
    /// The command-line arguments of the console program that runs the check, or null when a test framework runs it.
    /// A console program (no xunit, NUnit, MSTest or test platform in the process) replays with <c>dotnet run</c>
    /// and these arguments instead of <c>dotnet test</c>.
    /// </summary>
    public IReadOnlyList<string>? ProgramArguments { get; init; }

    /// <summary>True when a console program, not a test framework, runs the check.</summary>
    public bool IsConsoleProgram => ProgramArguments is not null;

    /// <summary>For one case of a theory: its display name with the arguments (xunit's), else null.</summary>
    public string? CaseName { get; init; }

    /// <summary>
    /// Where the replay command runs <c>dotnet test</c>: the repository root, else the folder of the nearest
    /// global.json above the project (it selects the test runner), else the project's own folder — so the
    /// command works pasted anywhere, also for a project outside any repository.
    /// </summary>
    public string? CommandDirectory => RepositoryRoot ?? NearestGlobalJson() ?? ProjectDirectory;

    /// <summary>The project path relative to <see cref="CommandDirectory"/> ('/' separated; "." for the folder itself), or its full path.</summary>
    public string? ProjectForCommand =>
        ProjectDirectory is null ? null
        : CommandDirectory is null ? ProjectDirectory
        : Path.GetRelativePath(CommandDirectory, ProjectDirectory).Replace('\\', '/');

    private string? NearestGlobalJson()
    {
        for (DirectoryInfo? dir = ProjectDirectory is null ? null : new DirectoryInfo(ProjectDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "global.json")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    internal static TestIdentity Resolve(Delegate test, string callerName, Type? subject = null)
    {
        Type? testClass = OuterType(subject ?? test.Method.DeclaringType);
        string fullName = FromXunit() ?? $"{testClass?.FullName ?? "UnknownTest"}.{(callerName.Length > 0 ? callerName : test.Method.Name)}";
        Assembly? assembly = testClass?.Assembly ?? test.Method.DeclaringType?.Assembly;
        string? projectDirectory = FindProjectDirectory(assembly);
        string? root = FindRepositoryRoot(projectDirectory ?? Environment.CurrentDirectory);
        string shortName = fullName.Contains('.', StringComparison.Ordinal)
            ? string.Join('.', fullName.Split('.')[^2..])
            : fullName;
        return new TestIdentity(fullName, shortName, assembly?.GetName().Name, projectDirectory, root)
        {
            AssemblyPath = string.IsNullOrEmpty(assembly?.Location) ? null : assembly.Location,
            CaseName = CaseFromXunit(),
            ProgramArguments = RunByTestFramework() ? null : Environment.GetCommandLineArgs()[1..],
        };
    }

    // Any test framework or test host loaded in the process means tests are running; otherwise this is a program.
    private static readonly string[] s_testFrameworks =
        ["xunit", "nunit.framework", "Microsoft.VisualStudio.TestPlatform", "Microsoft.TestPlatform", "Microsoft.Testing.Platform", "testhost", "MSTest"];

    private static bool RunByTestFramework() =>
        AppDomain.CurrentDomain.GetAssemblies().Any(a => a.GetName().Name is string name
            && s_testFrameworks.Any(f => name.StartsWith(f, StringComparison.OrdinalIgnoreCase)));

    /// <summary>The variable that moves every file the harness writes (schedules, HTML time lines) under one folder.</summary>
    internal const string ArtifactsVariable = "WEAVE_ARTIFACTS";

    /// <summary>The default folder for schedule files: <c>artifacts/schedules</c> under the test project's own folder
    /// (never a parent repository's), or under <c>WEAVE_ARTIFACTS</c>, or the temp folder.</summary>
    internal string DefaultTraceDirectory => ArtifactsFor("schedules");

    /// <summary><c>artifacts/<paramref name="name"/></c> beside <see cref="DefaultTraceDirectory"/> (same rules).</summary>
    internal string ArtifactsFor(string name) => Artifacts(ProjectDirectory, name);

    // A lambda's method lives in a compiler-generated closure class nested in the test class.
    private static Type? OuterType(Type? type)
    {
        while (type is not null && type.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false) && type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        return type;
    }

    // xunit v3 knows the running test exactly (also when Systematic is called from a helper);
    // read it by reflection so the harness does not depend on xunit.
    private static string? FromXunit()
    {
        try
        {
            Type? context = Type.GetType("Xunit.TestContext, xunit.v3.core", throwOnError: false);
            object? current = context?.GetProperty("Current", BindingFlags.Public | BindingFlags.Static)?.GetValue(null);
            object? method = current?.GetType().GetProperty("TestMethod")?.GetValue(current);
            object? testClass = current?.GetType().GetProperty("TestClass")?.GetValue(current);
            string? methodName = method?.GetType().GetProperty("MethodName")?.GetValue(method) as string;
            string? className = testClass?.GetType().GetProperty("TestClassName")?.GetValue(testClass) as string;
            return methodName is not null && className is not null ? $"{className}.{methodName}" : null;
        }
        catch (Exception e) when (e is TargetInvocationException or AmbiguousMatchException or InvalidOperationException or NotSupportedException)
        {
            return null;
        }
    }

    // A theory case's display name ("Class.Method(name: \"x\")"); null for a fact or outside xunit.
    private static string? CaseFromXunit()
    {
        try
        {
            Type? context = Type.GetType("Xunit.TestContext, xunit.v3.core", throwOnError: false);
            object? current = context?.GetProperty("Current", BindingFlags.Public | BindingFlags.Static)?.GetValue(null);
            object? test = current?.GetType().GetProperty("Test")?.GetValue(current);
            return test?.GetType().GetProperty("TestDisplayName")?.GetValue(test) is string name && name.Contains('(', StringComparison.Ordinal) ? name : null;
        }
        catch (Exception e) when (e is TargetInvocationException or AmbiguousMatchException or InvalidOperationException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>A folder for the harness's output: <c>artifacts/<paramref name="name"/></c> under <c>WEAVE_ARTIFACTS</c>,
    /// else under the folder of <paramref name="near"/>'s project, else under the temp folder.</summary>
    internal static string ArtifactsDirectory(string name, Assembly? near) => Artifacts(FindProjectDirectory(near), name);

    private static string Artifacts(string? projectDirectory, string name) =>
        Environment.GetEnvironmentVariable(ArtifactsVariable) is { Length: > 0 } root ? Path.Combine(Path.GetFullPath(root), name)
        : projectDirectory is not null ? Path.Combine(projectDirectory, "artifacts", name)
        : Path.Combine(Path.GetTempPath(), "weave-artifacts", name);

    private static string? FindProjectDirectory(Assembly? assembly)
    {
        string? location = assembly?.Location;
        if (string.IsNullOrEmpty(location))
        {
            return null;
        }

        string name = assembly!.GetName().Name!;
        for (DirectoryInfo? dir = new FileInfo(location).Directory; dir is not null; dir = dir.Parent)
        {
            FileInfo[] projects = dir.GetFiles("*.csproj");
            if (projects.Length > 0)
            {
                // Prefer the project that builds this assembly; otherwise the only one there.
                return projects.Any(p => Path.GetFileNameWithoutExtension(p.Name) == name) || projects.Length == 1 ? dir.FullName : null;
            }
        }

        return null;
    }

    private static string? FindRepositoryRoot(string start)
    {
        for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, ".git")) || File.Exists(Path.Combine(dir.FullName, ".git"))
                || dir.GetFiles("*.sln").Length > 0 || dir.GetFiles("*.slnx").Length > 0)
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
