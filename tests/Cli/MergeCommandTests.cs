namespace Weave.Cli.Tests;

/// <summary>
/// Sharding across machines: the console example run as 3 separate processes with <c>WEAVE_SHARD=i/3</c> (each its
/// own artifacts folder, as 3 CI jobs would), merged by <c>weave merge</c> into the verdict one unsharded run gives;
/// the printed replay of a shard's bug reproduces it; incomplete or foreign input is exit 2.
/// </summary>
[Collection(ConsoleExample.Collection)]
public sealed class MergeCommandTests
{
    private const string BaseSeed = "4242";

    [Fact]
    public void ThreeShardsOfABuggyProgram_MergeToABug_LikeOneRun_AndTheirReplayReproducesIt()
    {
        (int single, string singleOutput) = ConsoleExample.Run("dotnet", [ConsoleExample.Program(), "buggy"], WeaveProcess.TempDirectory(), null, ("WEAVE_SEED", BaseSeed));
        string[] folders = RunShards("buggy", 3);

        (int exit, string output) = WeaveProcess.Run(["merge", .. folders]);
        string replay = output.Split('\n').First(l => l.Trim().StartsWith("Replay:", StringComparison.Ordinal)).Trim()["Replay:".Length..].Trim();
        string schedule = replay[(replay.IndexOf(" replay ", StringComparison.Ordinal) + " replay ".Length)..].Trim('\'');
        (int replayExit, string replayed) = WeaveProcess.Run("replay", schedule);

        Assert.True(single == 1, singleOutput);
        Assert.True(exit == 1, output);
        Assert.Contains("1 test(s) from 3 shard result(s):", output, StringComparison.Ordinal);
        Assert.Contains($"BUG in shard", output, StringComparison.Ordinal);
        Assert.Contains($"base seed {BaseSeed}", output, StringComparison.Ordinal);
        Assert.Contains("balance is", output, StringComparison.Ordinal);
        Assert.StartsWith(folders[0], schedule, StringComparison.Ordinal); // The copy in the merged folders, not the shard's machine path.
        Assert.True(replayExit == 1, replayed);
        Assert.Contains("The bug reproduces on this schedule.", replayed, StringComparison.Ordinal);
    }

    [Fact]
    public void ThreeShardsOfTheFixedProgram_MergeToClean_LikeOneRun()
    {
        (int single, string singleOutput) = ConsoleExample.Run("dotnet", [ConsoleExample.Program(), "fixed"], WeaveProcess.TempDirectory(), null, ("WEAVE_SEED", BaseSeed));
        string[] folders = RunShards("fixed", 3);

        (int exit, string output) = WeaveProcess.Run(["merge", .. folders]);
        (int partial, string partialOutput) = WeaveProcess.Run(["merge", folders[0], folders[2]]);

        Assert.True(single == 0, singleOutput);
        Assert.True(exit == 0, output);
        Assert.Contains("clean (1000 iterations over 3 of 3 shards", output, StringComparison.Ordinal);
        Assert.Contains("No bug in any shard.", output, StringComparison.Ordinal);
        Assert.True(partial == 2, partialOutput);
        Assert.Contains("no result from shard 2/3", partialOutput, StringComparison.Ordinal);
        Assert.Contains("the run is incomplete", partialOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_OfAFolderWithoutResults_OrWithAForeignFile_ExitsTwoNamingIt()
    {
        string empty = WeaveProcess.TempDirectory();
        string foreign = WeaveProcess.TempDirectory();
        File.WriteAllText(Path.Combine(foreign, "x.shard-1-of-2.json"), """{"format": "weave-history/1"}""");

        (int emptyExit, string emptyOutput) = WeaveProcess.Run("merge", empty);
        (int foreignExit, string foreignOutput) = WeaveProcess.Run("merge", foreign);
        (int missingExit, string missingOutput) = WeaveProcess.Run("merge", Path.Combine(empty, "nope"));

        Assert.True(emptyExit == 2, emptyOutput);
        Assert.Contains("no shard result", emptyOutput, StringComparison.Ordinal);
        Assert.True(foreignExit == 2, foreignOutput);
        Assert.Contains("field 'format' must be \"weave-shard/1\"", foreignOutput, StringComparison.Ordinal);
        Assert.True(missingExit == 2, missingOutput);
        Assert.Contains("no such folder", missingOutput, StringComparison.Ordinal);
    }

    // Each shard in its own process and artifacts folder, as separate CI jobs; returns the folders.
    private static string[] RunShards(string version, int count)
    {
        var folders = new string[count];
        for (int i = 1; i <= count; i++)
        {
            folders[i - 1] = WeaveProcess.TempDirectory();
            (int exit, string output) = ConsoleExample.Run(
                "dotnet", [ConsoleExample.Program(), version], folders[i - 1], null, ("WEAVE_SEED", BaseSeed), ("WEAVE_SHARD", $"{i}/{count}"));
            Assert.True(exit is 0 or 1, output);
            Assert.Contains($"shard {i}/{count} of base seed {BaseSeed}", output, StringComparison.Ordinal);
        }

        return folders;
    }
}
