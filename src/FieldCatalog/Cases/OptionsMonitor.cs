using Microsoft.Extensions.Options;
using Weave.Harness;

namespace Weave.FieldCatalog;

/// <summary>
/// Microsoft.Extensions.Options 7.0.0: the first concurrent reads of a named option through one
/// <c>IOptionsMonitor</c> could each build the options, running the configuration callbacks more than once
/// (dotnet/runtime#79529, a regression from 6.0 found through Microsoft.Identity.Web, whose handlers then ran
/// twice). The cache looked the name up, missed, built the value and added it — a check-then-act that two
/// readers can both pass. The documented contract (and 6.0's behaviour) is one build per name until a change.
/// </summary>
internal static class FieldCase
{
    public const string Name = "options-monitor-double-configure";

    /// <summary>The body stress runs on real threads.</summary>
    public static Func<Task>? StressBody => Test;

    /// <summary>Explores the test against the referenced package version.</summary>
    public static SystematicReport Run(SystematicOptions options) => Systematic.Explore(Test, options, Name);

    public static async Task Test()
    {
        int configured = 0;
        var factory = new OptionsFactory<Settings>(
            [new ConfigureNamedOptions<Settings>("api", s => { Interlocked.Increment(ref configured); s.Endpoint = "https://example.test"; })],
            []);
        var monitor = new OptionsMonitor<Settings>(factory, [], new OptionsCache<Settings>());

        var first = Task.Run(() => monitor.Get("api"));
        var second = Task.Run(() => monitor.Get("api"));
        var (a, b) = (await first, await second);
        if (configured != 1 || !ReferenceEquals(a, b))
        {
            throw new InvalidOperationException(
                $"the options 'api' were configured {configured} times and the two readers got {(ReferenceEquals(a, b) ? "the same" : "different")} instances");
        }
    }

    /// <summary>The options type.</summary>
    internal sealed class Settings
    {
        public string? Endpoint { get; set; }
    }
}
