namespace Weave.Harness;

/// <summary>An operation on an event (<see cref="EventSpec"/>); every result is a boolean.</summary>
public enum EventOp
{
    /// <summary>Set the flag (result ignored).</summary>
    Set,

    /// <summary>Clear the flag (result ignored).</summary>
    Clear,

    /// <summary>Read the flag; the result is the flag.</summary>
    IsSet,

    /// <summary>A blocking wait; its result is true (it returns once the flag is set).</summary>
    Wait,

    /// <summary>A timed wait; its result is the flag at some instant of the call (false = timed out).</summary>
    TimedWait,
}
