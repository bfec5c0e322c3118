namespace Weave.Primitives;

/// <summary>
/// An object hosted by <see cref="IpcHost"/> in the process that created it (a pipe, a process
/// queue), reached by its handles in that process directly and from other processes over a pipe.
/// </summary>
internal interface IIpcTarget
{
    /// <summary>Runs operation <paramref name="op"/> for handle side <paramref name="side"/>; may block; throws the caller's exception.</summary>
    byte[] Handle(int side, byte op, ReadOnlySpan<byte> payload);

    /// <summary>A response could not be delivered (the calling process went away): undo what it took, if anything.</summary>
    void Undelivered(byte op, byte[] response)
    {
    }
}
