namespace Weave.Cli;

/// <summary>How the command reports bad input: one line on standard error ("error: …"), exit code 2.</summary>
internal static class Errors
{
    public static int BadInput(string message)
    {
        // Plain text, never wrapped: red only on a terminal, no escape codes when redirected.
        string prefix = Console.IsErrorRedirected ? "error:" : "\u001b[31merror:\u001b[0m";
        Console.Error.WriteLine($"{prefix} {message}");
        return ExitCodes.BadInput;
    }
}
