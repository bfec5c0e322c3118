using Nito.AsyncEx;
using Weave.Harness;

namespace Weave.FieldCatalog;

/// <summary>
/// Nito.AsyncEx.Coordination 1.0.2: cancelling a queued writer of <c>AsyncReaderWriterLock</c> did not release the
/// readers queued behind it (StephenCleary/AsyncEx#134, fixed by #143, shipped in 5.x). A reader holds the lock, a
/// writer queues, a second reader queues behind the writer; the writer's cancellation must let that reader in,
/// since only readers hold the lock. Whether the second reader queues before or after the cancellation is the
/// interleaving: before it, the wake-up is lost and the reader waits for a release that never comes.
/// </summary>
internal static class FieldCase
{
    public const string Name = "rwlock-cancelled-writer";

    /// <summary>The body stress runs on real threads.</summary>
    public static Func<Task>? StressBody => Test;

    /// <summary>Explores the test against the referenced package version.</summary>
    public static SystematicReport Run(SystematicOptions options) => Systematic.Explore(Test, options, Name);

    public static async Task Test()
    {
        var rwlock = new AsyncReaderWriterLock();
        var held = await rwlock.ReaderLockAsync();
        using var cancel = new CancellationTokenSource();
        var writer = rwlock.WriterLockAsync(cancel.Token).AsTask();

        var reader = Task.Run(async () =>
        {
            using (await rwlock.ReaderLockAsync())
            {
                // Readers share the lock: this must not wait for the first reader to leave.
            }
        });
        var canceller = Task.Run(cancel.Cancel);

        await canceller;
        await reader; // the bug: a lost wake-up, so this never completes (a deadlock under the scheduler)
        held.Dispose();
        try
        {
            (await writer).Dispose();
        }
        catch (OperationCanceledException)
        {
            // The writer was withdrawn, as asked.
        }
    }
}
