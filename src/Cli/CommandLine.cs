namespace Weave.Cli;

/// <summary>
/// Command lines this program prints for the user to paste: absolute paths, quoted where the shell needs
/// it, runnable from any directory, and in the form that starts this same program.
/// </summary>
internal static class CommandLine
{
    /// <summary>How to run <c>weave</c> again: the installed tool's name, or <c>dotnet run</c> on this
    /// checkout's project, or <c>dotnet</c> on this very assembly.</summary>
    public static string Weave(params string[] arguments)
    {
        string self = AppContext.BaseDirectory;
        string program;
        if (self.Contains($"{Path.DirectorySeparatorChar}.store{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
        {
            program = "weave"; // Installed as a .NET tool: on PATH (global) or through `dotnet weave` (local).
        }
        else if (Repository.Root() is string root && File.Exists(Path.Combine(root, "src", "Cli", "Weave.Cli.csproj"))
                 && self.StartsWith(Path.Combine(root, "src", "Cli", "bin"), StringComparison.Ordinal))
        {
            program = $"dotnet run --project {Quote(Path.Combine(root, "src", "Cli", "Weave.Cli.csproj"))} --";
        }
        else
        {
            program = $"dotnet {Quote(Path.Combine(self, "weave.dll"))}";
        }

        return string.Join(' ', [program, .. arguments.Select(Quote)]);
    }

    /// <summary>Quotes <paramref name="argument"/> for a POSIX shell when it needs it.</summary>
    public static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsLetterOrDigit(c) || c is '/' or '.' or '-' or '_' or ':' or '=' or '+' or ',' or '@')
            ? argument
            : $"'{argument.Replace("'", "'\\''", StringComparison.Ordinal)}'";
}
