namespace Weave.Primitives;

/// <summary>
/// Thrown by <see cref="CyclicBarrier.Wait()"/> when the barrier is broken or breaks while the
/// thread waits (abort, reset, a timed-out waiter, or a failing action). Python:
/// <c>threading.BrokenBarrierError</c> (a RuntimeError, hence an <see cref="InvalidOperationException"/> here).
/// </summary>
public class BrokenBarrierException : InvalidOperationException
{
    /// <summary>Creates the exception with the default message.</summary>
    public BrokenBarrierException()
        : base("The barrier is broken.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public BrokenBarrierException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that broke the barrier.</summary>
    public BrokenBarrierException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
