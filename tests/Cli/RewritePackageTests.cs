namespace Weave.Cli.Tests;

/// <summary>
/// <c>&lt;WeaveRewritePackage Include="…" /&gt;</c> (Weave.Harness.targets): a package whose assemblies the shared
/// framework replaces has nothing in the output to rewrite, and the build says so, naming the package, instead of
/// silently testing uncontrolled code.
/// </summary>
[Collection(FieldCatalogTests.Collection)]
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

    [Fact]
    public void RewritePackage_AlsoRewritesThePackagesItDependsOn()
    {
        // The field catalog's AsyncEx 1.0.2 project names one package; its dependencies (transitively) are rewritten too.
        string configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        string config = Path.Combine(WeaveProcess.RepositoryRoot, "src", "FieldCatalog", "ReaderWriterLock.1.0.2", "bin", configuration, "net10.0", "weave.rewrite.coyote.json");
        Assert.True(File.Exists(config), $"{config} is missing (src/FieldCatalog is part of Harness.sln)");

        string text = File.ReadAllText(config);
        foreach (string assembly in new[] { "Nito.AsyncEx.Coordination.dll", "Nito.AsyncEx.Tasks.dll", "Nito.Collections.Deque.dll", "Nito.Disposables.dll" })
        {
            Assert.Contains($"\"{assembly}\"", text, StringComparison.Ordinal);
        }
    }
}
