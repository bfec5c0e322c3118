using System.Buffers.Binary;

namespace Weave.Primitives;

/// <summary>
/// The hosted state of one <see cref="ProcessQueue{T}"/>: a <see cref="FifoQueue{T}"/> of serialised
/// items, so every rule of the in-process queue (maxsize, task_done/join, shutdown) holds across processes.
/// Timeouts travel as ticks; -1 is infinite.
/// </summary>
internal sealed class QueueChannel(int maxSize) : IIpcTarget
{
    internal const byte OpPut = 1;
    internal const byte OpGet = 2;
    internal const byte OpState = 3;
    internal const byte OpTaskDone = 4;
    internal const byte OpJoin = 5;
    internal const byte OpShutdown = 6;

    private readonly FifoQueue<byte[]> _queue = new(maxSize);

    public byte[] Handle(int side, byte op, ReadOnlySpan<byte> payload)
    {
        switch (op)
        {
            case OpPut:
                return [_queue.TryPut(payload[IpcTimeout.Size..].ToArray(), IpcTimeout.Read(payload)) ? (byte)1 : (byte)0];
            case OpGet:
                return _queue.TryGet(out byte[]? item, IpcTimeout.Read(payload)) ? [1, .. item] : [0];
            case OpState:
                byte[] state = new byte[13];
                BinaryPrimitives.WriteInt32LittleEndian(state, _queue.Count);
                BinaryPrimitives.WriteInt32LittleEndian(state.AsSpan(4), _queue.MaxSize);
                BinaryPrimitives.WriteInt32LittleEndian(state.AsSpan(8), _queue.UnfinishedTasks);
                state[12] = _queue.IsShutDown ? (byte)1 : (byte)0;
                return state;
            case OpTaskDone:
                _queue.TaskDone();
                return [];
            case OpJoin:
                return [_queue.Join(IpcTimeout.Read(payload)) ? (byte)1 : (byte)0];
            case OpShutdown:
                _queue.Shutdown(immediate: payload[0] == 1);
                return [];
            default:
                throw new InvalidDataException($"Unknown queue operation {op}.");
        }
    }

    /// <summary>An item taken for a getter whose process went away goes back into the queue (at the tail).</summary>
    public void Undelivered(byte op, byte[] response)
    {
        if (op == OpGet && response is [1, ..])
        {
            _queue.TryPut(response[1..]);
        }
    }
}
