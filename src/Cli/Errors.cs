using Spectre.Console;

namespace Weave.Cli;

/// <summary>How the command reports bad input: one red line on standard error, exit code 2.</summary>
internal static class Errors
{
    public static int BadInput(string message)
    {
        var error = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        error.MarkupLine($"[red]error:[/] {Markup.Escape(message)}");
        return ExitCodes.BadInput;
    }
}
