using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Weave.Cli;

/// <summary>Finds the test assembly a schedule names and checks its test still exists (by metadata, without loading it).</summary>
internal static class TestAssemblies
{
    public static string? Locate(Weave.Harness.ScheduleFile schedule)
    {
        if (schedule.AssemblyPath is string path && File.Exists(path))
        {
            return path;
        }

        // Older schedules name the assembly and the project: take the newest build of it.
        if (schedule.Assembly is null || schedule.Project is null)
        {
            return null;
        }

        string project = Path.IsPathRooted(schedule.Project) ? schedule.Project : Path.Combine(Repository.Root() ?? Environment.CurrentDirectory, schedule.Project);
        string bin = Path.Combine(project, "bin");
        return Directory.Exists(bin)
            ? Directory.EnumerateFiles(bin, schedule.Assembly + ".dll", SearchOption.AllDirectories).OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
            : null;
    }

    /// <summary>Whether <paramref name="assembly"/> defines a method <c>Namespace.Type.Method</c>.</summary>
    public static bool HasMethod(string assembly, string fullName)
    {
        int dot = fullName.LastIndexOf('.');
        if (dot <= 0)
        {
            return false;
        }

        string typeName = fullName[..dot];
        string methodName = fullName[(dot + 1)..];
        using var stream = File.OpenRead(assembly);
        using var pe = new PEReader(stream);
        MetadataReader reader = pe.GetMetadataReader();
        foreach (TypeDefinitionHandle handle in reader.TypeDefinitions)
        {
            TypeDefinition type = reader.GetTypeDefinition(handle);
            if (FullName(reader, type) == typeName && type.GetMethods().Any(m => reader.GetString(reader.GetMethodDefinition(m).Name) == methodName))
            {
                return true;
            }
        }

        return false;
    }

    private static string FullName(MetadataReader reader, TypeDefinition type)
    {
        string name = reader.GetString(type.Name);
        if (type.GetDeclaringType() is { IsNil: false } outer)
        {
            return FullName(reader, reader.GetTypeDefinition(outer)) + "+" + name;
        }

        string ns = reader.GetString(type.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }
}
