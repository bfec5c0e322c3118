using System.Runtime.InteropServices;

namespace Weave.Primitives;

// The two sides' counters of LockFreeFifo, each alone on a cache line (64 bytes of padding either side), so a getter's
// writes never evict the line a putter writes, and the reverse. Outside the generic class: explicit layout cannot be generic.

// Written by putters only (and Shutdown's bit), alone on a cache line so a getter's writes never evict it.
[StructLayout(LayoutKind.Explicit, Size = 192)]
internal struct ProducerCounters
{
    [FieldOffset(64)]
    public long Reserved;     // Puts accepted ever (each holds a slot until a get removes its item), plus ShutDownBit.

    [FieldOffset(72)]
    public long Published;    // Accepted puts whose item is in the storage.

    [FieldOffset(80)]
    public long RemovedSeen;  // A putter's last read of _consumer.Removed (plain: a hint, never a decision alone).
}

// Written by getters (and TaskDone) only.
[StructLayout(LayoutKind.Explicit, Size = 192)]
internal struct ConsumerCounters
{
    [FieldOffset(64)]
    public long Removed;      // Items taken out of the storage ever (by gets and an immediate Shutdown).

    [FieldOffset(72)]
    public long TasksDone;    // TaskDone calls ever, plus tasks discarded by an immediate Shutdown.
}
