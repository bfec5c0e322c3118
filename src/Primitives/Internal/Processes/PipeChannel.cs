using System.Diagnostics;

namespace Weave.Primitives;

/// <summary>
/// The hosted state of one <see cref="Pipe"/>: a message queue toward each side, and which sides are
/// closed. Side <c>s</c> reads <c>_inbox[s]</c>; a send from side <c>s</c> goes to <c>_inbox[1 - s]</c>.
/// </summary>
[DebuggerDisplay("Inbox0 = {_inbox[0].Count}, Inbox1 = {_inbox[1].Count}")]
internal sealed class PipeChannel : IIpcTarget
{
    internal const byte OpSend = 1;
    internal const byte OpRecv = 2;
    internal const byte OpPoll = 3;
    internal const byte OpClose = 4;

    private readonly object _sync = new();
    private readonly Queue<byte[]>[] _inbox = [new(), new()];
    private readonly bool[] _closed = new bool[2];

    // _readable[s]: a message arrived for side s, or side 1 - s closed. Signalled by Send and Close.
    private readonly MonitorCondition[] _readable;

    internal PipeChannel() => _readable = [new MonitorCondition(_sync), new MonitorCondition(_sync)];

    public byte[] Handle(int side, byte op, ReadOnlySpan<byte> payload)
    {
        if (side is not (0 or 1))
        {
            throw new ArgumentOutOfRangeException(nameof(side), side, "A pipe has sides 0 and 1.");
        }

        using (MonitorScope.Enter(_sync))
        {
            AssertInvariants();
            switch (op)
            {
                case OpSend:
                    if (_closed[1 - side])
                    {
                        throw new IOException("Broken pipe: the other end is closed.");
                    }

                    _inbox[1 - side].Enqueue(payload.ToArray());
                    _readable[1 - side].Notify();
                    return [];

                case OpRecv:
                    WaitReadable(side, Deadline.Infinite);
                    return _inbox[side].TryDequeue(out byte[]? message)
                        ? message
                        : throw new EndOfStreamException("The other end of the pipe is closed and no message is left.");

                case OpPoll:
                    return [WaitReadable(side, Deadline.After(IpcTimeout.Read(payload))) ? (byte)1 : (byte)0];

                case OpClose:
                    _closed[side] = true;
                    _readable[0].NotifyAll();
                    _readable[1].NotifyAll();
                    return [];

                default:
                    throw new InvalidDataException($"Unknown pipe operation {op}.");
            }
        }
    }

    private bool WaitReadable(int side, Deadline deadline)
    {
        while (_inbox[side].Count == 0 && !_closed[1 - side] && !_closed[side])
        {
            if (!_readable[side].Wait(deadline, CancellationToken.None))
            {
                return _inbox[side].Count > 0 || _closed[1 - side];
            }
        }

        return true;
    }

    [Conditional("DEBUG")]
    private void AssertInvariants()
    {
        Debug.Assert(Monitor.IsEntered(_sync), "Invariants are checked under the pipe's lock.");
    }
}
