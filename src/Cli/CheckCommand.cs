using System.ComponentModel;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;
using Weave.Harness;

namespace Weave.Cli;

/// <summary>
/// <c>weave check &lt;history.json&gt; --model …</c>: checks a history recorded by any program
/// (format <c>weave-history/1</c>, see <see cref="HistoryJson"/>) for linearizability against one
/// of the harness's sequential models, prints the verdict and the per-thread table, and can draw the
/// HTML time line. Exits 0 linearizable, 1 violation, 2 bad input, 3 budget exceeded.
/// </summary>
internal sealed class CheckCommand : Command<CheckCommand.Settings>
{
    private static readonly string[] s_models = ["queue", "lock", "semaphore", "event", "register"];

    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<history>")]
        [Description("A weave-history/1 JSON file.")]
        public string File { get; init; } = "";

        [CommandOption("--model <MODEL>")]
        [Description("The sequential model: queue, lock, semaphore, event or register.")]
        public string? Model { get; init; }

        [CommandOption("--html <PATH>")]
        [Description("Also write the HTML time line of the calls.")]
        public string? Html { get; init; }

        [CommandOption("--budget <SECONDS>")]
        [Description("How long the search may take (default 10).")]
        public double Budget { get; init; } = 10;

        [CommandOption("--queue-kind <KIND>")]
        [Description("queue: Fifo (default), Lifo or Priority.")]
        public QueueKind QueueKind { get; init; } = QueueKind.Fifo;

        [CommandOption("--max-size <N>")]
        [Description("queue: capacity, 0 = unbounded (default).")]
        public int MaxSize { get; init; }

        [CommandOption("--reentrant")]
        [Description("lock: a reentrant lock (RLock) with owners.")]
        public bool Reentrant { get; init; }

        [CommandOption("--initial <N>")]
        [Description("semaphore: initial permits (default 1); register: initial value (default 0).")]
        public int? Initial { get; init; }

        [CommandOption("--bound <N>")]
        [Description("semaphore: a BoundedSemaphore's bound.")]
        public int? Bound { get; init; }

        public override ValidationResult Validate()
        {
            if (Model is null)
            {
                return ValidationResult.Error($"--model is required: {string.Join(", ", s_models)}.");
            }

            if (!s_models.Contains(Model, StringComparer.OrdinalIgnoreCase))
            {
                return ValidationResult.Error($"Unknown model '{Model}'. Known: {string.Join(", ", s_models)}.");
            }

            return Budget > 0 ? ValidationResult.Success() : ValidationResult.Error("--budget must be positive.");
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (!File.Exists(settings.File))
        {
            return Errors.BadInput($"{settings.File}: the history file does not exist.");
        }

        return settings.Model!.ToLowerInvariant() switch
        {
            "queue" => Check(new QueueSpec<int>(settings.QueueKind, settings.MaxSize), settings),
            "lock" => Check(new LockSpec(settings.Reentrant), settings),
            "semaphore" => Check(new SemaphoreSpec(settings.Initial ?? 1, settings.Bound), settings),
            "event" => Check(new EventSpec(), settings),
            _ => Check(new RegisterSpec<int>(settings.Initial ?? 0), settings),
        };
    }

    private static int Check<TState, TOp, TResult>(ISequentialSpec<TState, TOp, TResult> spec, Settings settings)
    {
        IReadOnlyList<HistoryEntry<TOp, TResult>> calls;
        try
        {
            calls = HistoryJson.Read<TOp, TResult>(settings.File);
        }
        catch (Exception e) when (e is FormatException or JsonException or IOException or NotSupportedException)
        {
            return Errors.BadInput($"{settings.File}: {e.Message}");
        }

        LinearizabilityResult<TOp, TResult> result;
        try
        {
            result = Linearizability.Check(spec, calls, TimeSpan.FromSeconds(settings.Budget));
        }
        catch (ArgumentException e)
        {
            return Errors.BadInput($"{settings.File}: {e.Message}");
        }

        Console.WriteLine(result.ToText());
        if (settings.Html is string html)
        {
            result.WriteHtml(html);
            Console.Out.WriteLine($"Time line: {Path.GetFullPath(html)}");
        }

        if (result.TimedOut)
        {
            AnsiConsole.MarkupLine($"[yellow bold]No verdict:[/] the search exceeded its budget of {settings.Budget} s.");
            return ExitCodes.Inconclusive;
        }

        AnsiConsole.MarkupLine(result.IsLinearizable
            ? $"[green bold]Linearizable[/] ({calls.Count} calls, model {settings.Model})."
            : $"[red bold]Not linearizable[/] ({calls.Count} calls, model {settings.Model}).");
        return result.IsLinearizable ? ExitCodes.Ok : ExitCodes.Finding;
    }
}
