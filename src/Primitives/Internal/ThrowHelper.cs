namespace Weave.Primitives;

/// <summary>
/// Rare throws in one place, with Python's wording where it helps a reader who knows Python.
/// </summary>
internal static class ThrowHelper
{
    internal static SynchronizationLockException ReleaseUnacquired() =>
        new("cannot release un-acquired lock");

    internal static SynchronizationLockException WaitUnacquired() =>
        new("cannot wait on un-acquired lock");

    internal static SynchronizationLockException NotifyUnacquired() =>
        new("cannot notify on un-acquired lock");

    internal static ArgumentOutOfRangeException InitialCountNegative(string paramName, int value) =>
        new(paramName, value, "The semaphore's initial value must be zero or more.");

    internal static ArgumentOutOfRangeException ReleaseCountNotPositive(string paramName, int value) =>
        new(paramName, value, "The release count must be one or more.");
}
