namespace Weave.Cli;

/// <summary>Finds the Weave source checkout this command runs from (for bench and the default output folder).</summary>
internal static class Repository
{
    /// <summary>The nearest folder above the current directory or this program that holds Harness.sln, or null.</summary>
    public static string? Root()
    {
        foreach (string start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Harness.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }

    /// <summary>artifacts/&lt;name&gt; in the checkout, or under the current directory outside one.</summary>
    public static string Artifacts(string name) => Path.Combine(Root() ?? Environment.CurrentDirectory, "artifacts", name);
}
