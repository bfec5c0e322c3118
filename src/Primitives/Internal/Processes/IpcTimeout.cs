using System.Buffers.Binary;

namespace Weave.Primitives;

/// <summary>A timeout as it travels in a pipe or queue request: 8 bytes of ticks, -1 for infinite, then the rest of the payload.</summary>
internal static class IpcTimeout
{
    internal const int Size = 8;

    internal static byte[] Payload(TimeSpan timeout, ReadOnlySpan<byte> rest = default)
    {
        byte[] payload = new byte[Size + rest.Length];
        BinaryPrimitives.WriteInt64LittleEndian(payload, timeout == Timeout.InfiniteTimeSpan ? -1 : timeout.Ticks);
        rest.CopyTo(payload.AsSpan(Size));
        return payload;
    }

    internal static TimeSpan Read(ReadOnlySpan<byte> payload)
    {
        long ticks = BinaryPrimitives.ReadInt64LittleEndian(payload);
        return ticks < 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromTicks(ticks);
    }
}
