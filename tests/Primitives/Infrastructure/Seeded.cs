using Xunit.Sdk;

namespace Weave.Primitives.Tests;

/// <summary>
/// Randomised tests run through here: the seed comes from WEAVE_TEST_SEED when set (to replay a
/// failure), otherwise it is fresh; a failure message always names it.
/// </summary>
internal static class Seeded
{
    public static void Run(Action<Random> body)
    {
        int seed = int.TryParse(Environment.GetEnvironmentVariable("WEAVE_TEST_SEED"), out int fixedSeed)
            ? fixedSeed
            : Random.Shared.Next();
        try
        {
            body(new Random(seed));
        }
        catch (Exception e)
        {
            throw new XunitException($"Failed with seed {seed}; replay with WEAVE_TEST_SEED={seed}.{Environment.NewLine}{e}");
        }
    }
}
