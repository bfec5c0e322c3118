namespace Weave.Cli;

/// <summary>The command's exit codes.</summary>
internal static class ExitCodes
{
    /// <summary>Success: every bug found, a schedule that no longer reproduces, a linearizable history.</summary>
    public const int Ok = 0;

    /// <summary>The finding: a seeded bug missed, a schedule that reproduces its bug, a violation.</summary>
    public const int Finding = 1;

    /// <summary>Bad input: a missing or corrupt file, an unknown model or bug (Spectre.Console.Cli uses -1 for parse errors).</summary>
    public const int BadInput = 2;

    /// <summary>No verdict: the checker ran out of budget.</summary>
    public const int Inconclusive = 3;
}
