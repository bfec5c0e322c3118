// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
// Weave patch: a controlled thread runs with its creator's CPU affinity.

using System;
using System.Runtime.InteropServices;

namespace Microsoft.Coyote.Runtime
{
    /// <summary>
    /// A thread's CPU affinity (Linux), captured where a controlled operation is created and applied on the thread
    /// that runs it. Linux threads inherit their creator's affinity, but the .NET runtime resets every new thread
    /// to the process's, so without this a test run pinned to a CPU (Weave pins each engine of a parallel
    /// exploration to its own) would spread its operations over every CPU again. Elsewhere a no-op.
    /// </summary>
    internal static class ThreadAffinity
    {
        private const int MaskWords = 16; // 1,024 CPUs.

        /// <summary>
        /// The calling thread's affinity mask, or null where it cannot be read.
        /// </summary>
        internal static ulong[] Capture()
        {
            if (!OperatingSystem.IsLinux())
            {
                return null;
            }

            var mask = new ulong[MaskWords];
            return SchedGetAffinity(0, (IntPtr)(MaskWords * sizeof(ulong)), mask) == 0 ? mask : null;
        }

        /// <summary>
        /// Gives the calling thread the affinity <paramref name="mask"/> (nothing if it is null).
        /// </summary>
        internal static void Apply(ulong[] mask)
        {
            if (mask != null)
            {
                _ = SchedSetAffinity(0, (IntPtr)(MaskWords * sizeof(ulong)), mask);
            }
        }

        /// <summary>
        /// The mask folded into a key (0 for null).
        /// </summary>
        internal static ulong Key(ulong[] mask)
        {
            ulong key = 0;
            if (mask != null)
            {
                foreach (ulong word in mask)
                {
                    key = (key * 1000003) ^ word;
                }
            }

            return key;
        }

        [DllImport("libc", EntryPoint = "sched_getaffinity")]
        private static extern int SchedGetAffinity(int pid, IntPtr size, [Out] ulong[] mask);

        [DllImport("libc", EntryPoint = "sched_setaffinity")]
        private static extern int SchedSetAffinity(int pid, IntPtr size, ulong[] mask);
    }
}
