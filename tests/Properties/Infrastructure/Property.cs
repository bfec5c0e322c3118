using FsCheck;
using Microsoft.FSharp.Core;
using Xunit.Sdk;

namespace Weave.PropertiesTests;

/// <summary>
/// Runs an FsCheck property with a seed from WEAVE_TEST_SEED (to replay a failure) or a fresh one; a
/// failure names the seed. FsCheck shrinks the counterexample before reporting it.
/// </summary>
internal static class Property
{
    public static void Check(FsCheck.Property property, int maxTest = 100)
    {
        ulong seed = ulong.TryParse(Environment.GetEnvironmentVariable("WEAVE_TEST_SEED"), out ulong fixedSeed)
            ? fixedSeed
            : (ulong)Random.Shared.NextInt64(1, long.MaxValue);
        var config = Config.QuickThrowOnFailure
            .WithMaxTest(maxTest)
            .WithQuietOnSuccess(true)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed), FSharpOption<int>.None)));
        try
        {
            FsCheck.Check.One(config, property);
        }
        catch (Exception e)
        {
            throw new XunitException($"Property failed with seed {seed}; replay with WEAVE_TEST_SEED={seed}.{Environment.NewLine}{e.Message}");
        }
    }

    /// <summary>A fixed or fresh seed for generating scenarios, named in failures by the caller.</summary>
    public static ulong Seed() =>
        ulong.TryParse(Environment.GetEnvironmentVariable("WEAVE_TEST_SEED"), out ulong s) ? s : (ulong)Random.Shared.NextInt64(1, long.MaxValue);
}
