namespace Weave.Cli;

/// <summary>
/// One entry of the field catalog: a historical concurrency bug in a published NuGet package, with the buggy and the
/// fixed version (each a project under src/FieldCatalog that runs the same case against that version).
/// </summary>
/// <param name="Name">The case name (the schedule's test name).</param>
/// <param name="Package">The NuGet package id.</param>
/// <param name="Buggy">The version with the bug.</param>
/// <param name="Fixed">The first served version with the fix.</param>
/// <param name="Upstream">The upstream issue (and fix) the entry is taken from.</param>
/// <param name="BugClass">What kind of bug it is.</param>
/// <param name="Interleaving">The interleaving that shows it, in a sentence.</param>
/// <param name="Project">The folder name stem under src/FieldCatalog (folders are Project.Version).</param>
/// <param name="Technique">What the case uses beyond plain systematic exploration.</param>
internal sealed record FieldBug(
    string Name, string Package, string Buggy, string Fixed, string Upstream, string BugClass, string Interleaving, string Project,
    string Technique = "")
{
    /// <summary>The project folder of <paramref name="version"/> under the checkout's src/FieldCatalog.</summary>
    public string ProjectDirectory(string root, string version) => Path.Combine(root, "src", "FieldCatalog", $"{Project}.{version}");

    /// <summary>The built program of <paramref name="version"/> (Debug, as dotnet build leaves it).</summary>
    public string Program(string root, string version) =>
        Path.Combine(ProjectDirectory(root, version), "bin", "Debug", "net10.0", $"Weave.Field.{Project}.{version}.dll");
}
