using System.Diagnostics;
using System.Text;

namespace Weave.Cli.Tests;

/// <summary>Runs the console example (docs/examples/console, built with Harness.sln) or a shell command as a child process.</summary>
/// <remarks>Every test class that runs the example joins the <see cref="Collection"/> collection, so they run one after
/// another: a pasted <c>dotnet run</c> rebuilds the example, and until its rewrite step has run again the program on
/// disk is the plain build, which another test running it at that moment would see.</remarks>
internal static class ConsoleExample
{
    /// <summary>The collection of the tests that run the example.</summary>
    public const string Collection = "console example";

    public static string Project { get; } = Path.Combine(WeaveProcess.RepositoryRoot, "docs", "examples", "console");

    /// <summary>The example's built program.</summary>
    public static string Program()
    {
        string configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        string dll = Path.Combine(Project, "bin", configuration, "net10.0", "Weave.ConsoleExample.dll");
        Assert.True(File.Exists(dll), $"The console example is not built at {dll} (it is part of Harness.sln).");
        return dll;
    }

    /// <summary>Runs <paramref name="file"/> with <c>WEAVE_ARTIFACTS</c> set to <paramref name="artifacts"/> and the
    /// other variables given; returns its exit code and its output (both streams).</summary>
    public static (int ExitCode, string Output) Run(
        string file, string[] arguments, string artifacts, string? workingDirectory = null, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory ?? WeaveProcess.RepositoryRoot };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["WEAVE_ARTIFACTS"] = artifacts;
        foreach ((string name, string value) in environment)
        {
            start.Environment[name] = value;
        }

        var output = new StringBuilder();
        using Process process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{file} {string.Join(' ', arguments)} did not finish within 5 minutes. Output so far:\n{output}");
        }

        process.WaitForExit();
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }
}
