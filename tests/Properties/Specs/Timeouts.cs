namespace Weave.PropertiesTests.Specs;

/// <summary>The timeout of the timed operations in scenarios: short on real threads (giving up is a
/// legal outcome the checker accounts for); under Coyote the harness explores both outcomes anyway.</summary>
internal static class Timeouts
{
    public static readonly TimeSpan Short = TimeSpan.FromMilliseconds(2);
}
