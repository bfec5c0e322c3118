using Polly;
using Polly.CircuitBreaker;
using Weave.Harness;

namespace Weave.FieldCatalog;

/// <summary>
/// Polly 7.2.0: a call on an open circuit could fail with <see cref="NullReferenceException"/> instead of
/// <see cref="BrokenCircuitException"/> (App-vNext/Polly#758, fixed in 7.2.1 by #770). The call reads the state
/// (open) and then, outside the lock, the last outcome to build the exception; a concurrent <c>Reset</c> nulls
/// that field in between. A plain-field race: no lock, no Interlocked, no await on the racing path, so only
/// <see cref="SystematicOptions.ExploreFieldRaces"/> gives the scheduler a choice between the two reads.
/// </summary>
internal static class FieldCase
{
    public const string Name = "circuit-breaker-reset-race";

    /// <summary>The body stress runs on real threads.</summary>
    public static Func<Task>? StressBody => Test;

    /// <summary>Explores the test against the referenced package version.</summary>
    public static SystematicReport Run(SystematicOptions options) => Systematic.Explore(Test, options with { ExploreFieldRaces = true }, Name);

    public static async Task Test()
    {
        var breaker = Policy.Handle<InvalidOperationException>().CircuitBreaker(1, TimeSpan.FromMinutes(1));
        try
        {
            breaker.Execute(() => throw new InvalidOperationException("the dependency is down"));
        }
        catch (InvalidOperationException)
        {
            // The one failure that opens the circuit.
        }

        var call = Task.Run(() =>
        {
            try
            {
                breaker.Execute(() => { });
            }
            catch (BrokenCircuitException)
            {
                // Open: refused, as documented. Closed (after the reset): the call ran.
            }
        });
        var reset = Task.Run(breaker.Reset);
        await call;
        await reset;
    }
}
