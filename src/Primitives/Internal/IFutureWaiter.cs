namespace Weave.Primitives;

/// <summary>
/// Told once when a future it was added to is done (CPython's _Waiter): how <see cref="Futures.Wait"/>
/// and <see cref="Futures.AsCompleted"/> are woken by the futures instead of polling them.
/// Called outside the future's lock.
/// </summary>
internal interface IFutureWaiter
{
    void OnDone(Future future);
}
