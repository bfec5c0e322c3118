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

        var (exitCode, output) = ConsoleExample.Run("dotnet", ["build", "-nologo"], Path.Combine(folder, "artifacts"), folder);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("WeaveRewritePackage 'system.threading.channels' puts no assembly in this project's output", output, StringComparison.Ordinal);
        Assert.Contains("the shared framework replaces it with its own copy", output, StringComparison.Ordinal);
    }
}
