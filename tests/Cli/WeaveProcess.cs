using System.Diagnostics;
using System.Text;

namespace Weave.Cli.Tests;

/// <summary>Runs the built <c>weave</c> command as a child process and captures its exit code and output.</summary>
internal static class WeaveProcess
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(5);

    public static string RepositoryRoot { get; } = FindRoot();

    public static (int ExitCode, string Output) Run(params string[] arguments)
    {
        // tests/Cli/bin/<configuration>/net10.0/ → src/Cli/bin/<configuration>/net10.0/weave.dll
        string configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        string weave = Path.Combine(RepositoryRoot, "src", "Cli", "bin", configuration, "net10.0", "weave.dll");
        Assert.True(File.Exists(weave), $"The weave command is not built at {weave}.");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryRoot };
        start.ArgumentList.Add(weave);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["COLUMNS"] = "240"; // Wide tables: cells stay on one line.
        var output = new StringBuilder();
        using Process process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(s_timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"weave {string.Join(' ', arguments)} did not finish within {s_timeout.TotalMinutes} minutes. Output so far:\n{output}");
        }

        process.WaitForExit();
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }

    public static string TempDirectory()
    {
        string path = Path.Combine(Path.GetTempPath(), "weave-cli-tests", Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        return path;
    }

    private static string FindRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Harness.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The tests run from inside the Weave checkout.");
    }
}
