using System.Diagnostics;
using System.Text;

namespace Weave.Cli.Tests;

/// <summary>
/// <c>&lt;WeaveRewritePackage Include="…" /&gt;</c> (Weave.Harness.targets): a package whose assemblies the shared
/// framework replaces has nothing in the output to rewrite, and the build says so, naming the package, instead of
/// silently testing uncontrolled code.
/// </summary>
public sealed class RewritePackageTests
{
    [Fact]
    public void RewritePackage_ShadowedByTheSharedFramework_FailsTheBuild_NamingThePackage()
    {
        string folder = Path.Combine(Path.GetTempPath(), "weave-rewrite-package", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        string targets = Path.Combine(WeaveProcess.RepositoryRoot, "src", "Harness", "build", "Weave.Harness.targets");
        File.WriteAllText(Path.Combine(folder, "Shadowed.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <WeaveHarnessProjectReference>false</WeaveHarnessProjectReference>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="System.Threading.Channels" Version="10.0.5" />
                <WeaveRewritePackage Include="System.Threading.Channels" />
              </ItemGroup>
              <Import Project="{targets}" />
            </Project>
            """);
        File.WriteAllText(Path.Combine(folder, "Class1.cs"), "namespace Shadowed; public static class Class1 { }");

        var (exitCode, output) = Dotnet(folder, "build", "-nologo");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("WeaveRewritePackage 'system.threading.channels' puts no assembly in this project's output", output, StringComparison.Ordinal);
        Assert.Contains("the shared framework replaces it with its own copy", output, StringComparison.Ordinal);
    }

    private static (int ExitCode, string Output) Dotnet(string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var output = new StringBuilder();
        using Process process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), "dotnet build did not finish within 5 minutes");
        process.WaitForExit();
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }
}
