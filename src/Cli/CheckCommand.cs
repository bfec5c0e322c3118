using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;
using Weave.Harness;

namespace Weave.Cli;

/// <summary>
/// <c>weave check &lt;history&gt; --model M</c>: checks a recorded history for linearizability — a
/// <c>weave-history/1</c> JSON file (any model, or a user's spec from an assembly) or a Jepsen history
/// (<c>--format jepsen</c>: logger lines or EDN, register operations) — and prints the verdict, the
/// per-thread table of a violation, and optionally an HTML time line.
/// </summary>
internal sealed class CheckCommand : Command<CheckCommand.Settings>
{
    private static readonly string[] s_models = ["register", "kv", "set", "stack", "queue", "lock", "semaphore", "event"];
    private static readonly string[] s_formats = ["weave", "jepsen"];

    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<history>")]
        [Description("The history: a weave-history/1 JSON file, or with --format jepsen a Jepsen history (logger lines or EDN).")]
        public string File { get; init; } = "";

        [CommandOption("--model <MODEL>")]
        [Description("The sequential model: register (read/write/cas/append, absent values), kv (the same, one register per key, checked per key), set, stack, queue, lock, semaphore or event.")]
        public string? Model { get; init; }

        [CommandOption("--spec <ASSEMBLY:TYPE>")]
        [Description("Your own ISequentialSpec<TState, TOp, TResult> instead of --model: the assembly's path, a colon, the type's full name (a public parameterless constructor). Ops and results are read as that spec's types.")]
        public string? Spec { get; init; }

        [CommandOption("--format <FORMAT>")]
        [Description("weave (default: weave-history/1 JSON) or jepsen (Jepsen logger lines or EDN history of :read/:write/:cas; model register).")]
        public string Format { get; init; } = "weave";

        [CommandOption("--html <PATH>")]
        [Description("Also write the HTML time line of the calls.")]
        public string? Html { get; init; }

        [CommandOption("--budget <SECONDS>")]
        [Description("How long the search may take (default 10); past it: no verdict, exit 3.")]
        public double Budget { get; init; } = 10;

        [CommandOption("--memory <MB>")]
        [Description("How much memory the search may use (default WEAVE_CHECK_MEMORY_MB or 2048); past it: no verdict, exit 3.")]
        public int? Memory { get; init; }

        [CommandOption("--parallel <N>")]
        [Description("Partitions (kv keys) searched at once (default: the core count).")]
        public int? Parallel { get; init; }

        [CommandOption("--queue-kind <KIND>")]
        [Description("queue: Fifo (default), Lifo or Priority.")]
        public QueueKind QueueKind { get; init; } = QueueKind.Fifo;

        [CommandOption("--max-size <N>")]
        [Description("queue: capacity, 0 = unbounded (default).")]
        public int MaxSize { get; init; }

        [CommandOption("--reentrant")]
        [Description("lock: a reentrant lock (RLock) with owners.")]
        public bool Reentrant { get; init; }

        [CommandOption("--initial <VALUE>")]
        [Description("semaphore: initial permits (default 1); register: initial value (default: absent).")]
        public string? Initial { get; init; }

        [CommandOption("--bound <N>")]
        [Description("semaphore: a BoundedSemaphore's bound.")]
        public int? Bound { get; init; }

        public override ValidationResult Validate()
        {
            if (Model is null && Spec is null)
            {
                return ValidationResult.Error($"--model ({string.Join(", ", s_models)}) or --spec <assembly.dll>:<Type> is required.");
            }

            if (Model is not null && Spec is not null)
            {
                return ValidationResult.Error("--model and --spec are alternatives: give one.");
            }

            if (Model is not null && !s_models.Contains(Model, StringComparer.OrdinalIgnoreCase))
            {
                return ValidationResult.Error($"Unknown model '{Model}'. Known: {string.Join(", ", s_models)}.");
            }

            if (!s_formats.Contains(Format, StringComparer.OrdinalIgnoreCase))
            {
                return ValidationResult.Error($"Unknown format '{Format}'. Known: {string.Join(", ", s_formats)}.");
            }

            if (Format.Equals("jepsen", StringComparison.OrdinalIgnoreCase) && Model?.ToLowerInvariant() is not ("register" or "kv"))
            {
                return ValidationResult.Error("--format jepsen reads :read/:write/:cas histories: use --model register.");
            }

            if (Model?.Equals("semaphore", StringComparison.OrdinalIgnoreCase) == true && Initial is not null && !int.TryParse(Initial, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
            {
                return ValidationResult.Error($"--initial for a semaphore is a number of permits, not '{Initial}'.");
            }

            if (Budget <= 0)
            {
                return ValidationResult.Error($"--budget must be a positive number of seconds (got {Budget}).");
            }

            if (Memory is int mb && mb < 1)
            {
                return ValidationResult.Error($"--memory must be at least 1 MB (got {mb}).");
            }

            return Parallel is int p && p < 1 ? ValidationResult.Error($"--parallel must be at least 1 (got {p}).") : ValidationResult.Success();
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (!File.Exists(settings.File))
        {
            return Errors.BadInput($"{settings.File}: the history file does not exist.");
        }

        if (settings.Spec is string spec)
        {
            return CheckUserSpec(spec, settings);
        }

        if (settings.Format.Equals("jepsen", StringComparison.OrdinalIgnoreCase))
        {
            IReadOnlyList<HistoryEntry<KvOp, KvResult>> calls;
            try
            {
                calls = JepsenHistory.Read(settings.File);
            }
            catch (Exception e) when (e is FormatException or IOException)
            {
                return Errors.BadInput($"{settings.File}: {e.Message}");
            }

            return Report(new KeyValueSpec(settings.Initial), calls, settings);
        }

        return settings.Model!.ToLowerInvariant() switch
        {
            "register" or "kv" => Check(new KeyValueSpec(settings.Initial), settings),
            "set" => Check(new SetSpec(), settings),
            "stack" => Check(new StackSpec(), settings),
            "queue" => Check(new QueueSpec<int>(settings.QueueKind, settings.MaxSize), settings),
            "lock" => Check(new LockSpec(settings.Reentrant), settings),
            "semaphore" => Check(new SemaphoreSpec(settings.Initial is null ? 1 : int.Parse(settings.Initial, CultureInfo.InvariantCulture), settings.Bound), settings),
            _ => Check(new EventSpec(), settings),
        };
    }

    private static int Check<TState, TOp, TResult>(ISequentialSpec<TState, TOp, TResult> spec, Settings settings)
    {
        IReadOnlyList<HistoryEntry<TOp, TResult>> calls;
        try
        {
            calls = HistoryJson.Read<TOp, TResult>(settings.File);
        }
        catch (Exception e) when (e is FormatException or JsonException or IOException or NotSupportedException or InvalidOperationException)
        {
            return Errors.BadInput($"{settings.File}: {e.Message}");
        }

        if (settings.Model?.Equals("kv", StringComparison.OrdinalIgnoreCase) == true
            && calls.FirstOrDefault(c => c.Op is KvOp { Key: null }) is { } keyless)
        {
            return Errors.BadInput($"{settings.File}: call {keyless.Id}, field 'op.key': the kv model checks each key on its own, and this operation names none (use --model register for one register).");
        }

        return Report(spec, calls, settings);
    }

    private static int Report<TState, TOp, TResult>(ISequentialSpec<TState, TOp, TResult> spec, IReadOnlyList<HistoryEntry<TOp, TResult>> calls, Settings settings)
    {
        var options = new LinearizabilityOptions { Budget = TimeSpan.FromSeconds(settings.Budget) };
        options = options with
        {
            MemoryBudget = settings.Memory is int mb ? mb * 1024L * 1024 : options.MemoryBudget,
            Parallelism = settings.Parallel ?? options.Parallelism,
        };
        LinearizabilityResult<TOp, TResult> result;
        try
        {
            result = Linearizability.Check(spec, calls, options);
        }
        catch (ArgumentException e)
        {
            return Errors.BadInput($"{settings.File}: {e.Message}");
        }

        Console.WriteLine(result.ToText());
        if (result.PartitionCount > 1)
        {
            var byVerdict = result.Partitions.GroupBy(p => p.Verdict).Select(g => $"{g.Count()} {g.Key}");
            Console.WriteLine($"Partitions: {result.PartitionCount} ({string.Join(", ", byVerdict)}).");
        }

        if (settings.Html is string html)
        {
            result.WriteHtml(html);
            Console.WriteLine($"Time line: {Path.GetFullPath(html)}");
        }

        string model = settings.Spec ?? settings.Model!;
        if (result.TimedOut)
        {
            Console.WriteLine($"No verdict ({calls.Count} calls, model {model}): {result.UndecidedReason}. Raise --budget or --memory.");
            return ExitCodes.Inconclusive;
        }

        Console.WriteLine(result.IsLinearizable
            ? $"Linearizable ({calls.Count} calls, model {model}, {result.Elapsed.TotalMilliseconds:0.#} ms)."
            : $"Not linearizable ({calls.Count} calls, model {model}).");
        return result.IsLinearizable ? ExitCodes.Ok : ExitCodes.Finding;
    }

    // --spec path/to/My.dll:My.Namespace.MySpec — the user's ISequentialSpec, its ops and results read as its own types.
    private static int CheckUserSpec(string spec, Settings settings)
    {
        int colon = spec.LastIndexOf(':');
        if (colon <= 1 || colon == spec.Length - 1)
        {
            return Errors.BadInput($"--spec '{spec}': expected <assembly.dll>:<Namespace.Type>.");
        }

        string path = Path.GetFullPath(spec[..colon]);
        string typeName = spec[(colon + 1)..];
        if (!File.Exists(path))
        {
            return Errors.BadInput($"--spec: the assembly '{path}' does not exist.");
        }

        Type? type;
        try
        {
            Assembly assembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(path);
            type = assembly.GetType(typeName) ?? assembly.GetTypes().FirstOrDefault(t => t.Name == typeName);
        }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException or ReflectionTypeLoadException)
        {
            return Errors.BadInput($"--spec: '{path}' cannot be loaded ({e.Message}).");
        }

        if (type is null)
        {
            return Errors.BadInput($"--spec: '{path}' has no type '{typeName}'.");
        }

        Type? contract = type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ISequentialSpec<,,>));
        if (contract is null)
        {
            return Errors.BadInput($"--spec: '{type.FullName}' does not implement ISequentialSpec<TState, TOp, TResult>.");
        }

        if (type.GetConstructor(Type.EmptyTypes) is null)
        {
            return Errors.BadInput($"--spec: '{type.FullName}' has no public parameterless constructor.");
        }

        object instance;
        try
        {
            instance = Activator.CreateInstance(type)!;
        }
        catch (TargetInvocationException e)
        {
            return Errors.BadInput($"--spec: creating '{type.FullName}' failed: {e.InnerException?.Message ?? e.Message}");
        }

        MethodInfo check = typeof(CheckCommand).GetMethod(nameof(Check), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(contract.GetGenericArguments());
        return (int)check.Invoke(null, [instance, settings])!;
    }
}
