namespace Weave.Primitives;

/// <summary>
/// What <see cref="Futures.Wait"/> returns: the futures done and not done when it returned.
/// Python: the <c>(done, not_done)</c> named tuple. Deconstructs: <c>var (done, notDone) = Futures.Wait(fs);</c>
/// </summary>
/// <param name="Done">The futures that were finished or cancelled.</param>
/// <param name="NotDone">The others.</param>
public sealed record WaitResult(IReadOnlySet<Future> Done, IReadOnlySet<Future> NotDone);
