using System.Reflection;

namespace Weave.Harness;

/// <summary>
/// Tells the person running a test something without failing it. Under xunit v3 the notice becomes a
/// test warning (shown by <c>dotnet test</c> even for a passing test) and test output; elsewhere it
/// goes to standard output. Reflection keeps the harness free of a dependency on xunit.
/// </summary>
internal static class TestNotice
{
    public static void Show(string message)
    {
        if (TryXunit(message))
        {
            return;
        }

        Console.WriteLine(message);
    }

    private static bool TryXunit(string message)
    {
        try
        {
            Type? context = Type.GetType("Xunit.TestContext, xunit.v3.core", throwOnError: false);
            object? current = context?.GetProperty("Current", BindingFlags.Public | BindingFlags.Static)?.GetValue(null);
            MethodInfo? addWarning = current?.GetType().GetMethod("AddWarning", [typeof(string)]);
            if (current is null || addWarning is null || current.GetType().GetProperty("Test")?.GetValue(current) is null)
            {
                return false;
            }

            addWarning.Invoke(current, [message]);
            object? output = current.GetType().GetProperty("TestOutputHelper")?.GetValue(current);
            output?.GetType().GetMethod("WriteLine", [typeof(string)])?.Invoke(output, [message]);
            return true;
        }
        catch (Exception e) when (e is TargetInvocationException or AmbiguousMatchException or InvalidOperationException or NotSupportedException)
        {
            return false;
        }
    }
}
