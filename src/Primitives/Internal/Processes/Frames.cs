using System.Buffers.Binary;

namespace Weave.Primitives;

/// <summary>
/// Length-prefixed messages over a byte stream (a named pipe between processes): a 4-byte
/// little-endian length, then the payload. Message boundaries are kept and empty messages get through.
/// </summary>
internal static class Frames
{
    /// <summary>The largest message accepted (guards against reading garbage as a length).</summary>
    internal const int MaxLength = 1 << 30;

    /// <summary>Writes one message and flushes.</summary>
    internal static void Write(Stream stream, ReadOnlySpan<byte> payload)
    {
        Span<byte> header = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(header, payload.Length);
        stream.Write(header);
        stream.Write(payload);
        stream.Flush();
    }

    /// <summary>Reads one message; null when the stream ended cleanly before a header.</summary>
    /// <exception cref="EndOfStreamException">The stream ended inside a message.</exception>
    /// <exception cref="InvalidDataException">The header is not a valid length.</exception>
    internal static byte[]? Read(Stream stream)
    {
        Span<byte> header = stackalloc byte[4];
        int read = ReadAtMost(stream, header);
        if (read == 0)
        {
            return null;
        }

        if (read < header.Length)
        {
            throw new EndOfStreamException("The other process closed the pipe inside a message header.");
        }

        int length = BinaryPrimitives.ReadInt32LittleEndian(header);
        if (length is < 0 or > MaxLength)
        {
            throw new InvalidDataException($"Bad message length {length} on the pipe.");
        }

        byte[] payload = new byte[length];
        if (ReadAtMost(stream, payload) < length)
        {
            throw new EndOfStreamException("The other process closed the pipe inside a message.");
        }

        return payload;
    }

    private static int ReadAtMost(Stream stream, Span<byte> buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = stream.Read(buffer[total..]);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }
}
