// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
// Weave patch: reuse OS threads for the operations the runtime creates itself.

using System;
using System.Collections.Generic;
using System.Threading;

namespace Microsoft.Coyote.Runtime
{
    /// <summary>
    /// Background threads that run controlled operations the runtime creates on its own behalf (the test
    /// entry point, controlled tasks and continuations), so an iteration does not pay for starting and tearing
    /// down an OS thread per operation. Threads a program creates with <c>new Thread</c> stay real threads:
    /// their identity is observable. A worker runs one operation at a time, under the execution context
    /// captured where the operation was started (exactly what <see cref="Thread.Start()"/> flows), clears any
    /// interrupt left pending by the runtime detaching before it takes the next one, and exits after it has
    /// been idle for <see cref="IdleTimeout"/>. A worker is reused only by a thread with the CPU affinity it was created
    /// with (on Linux), so an operation runs where a new thread, which inherits its creator's affinity, would have run.
    /// </summary>
    internal static class ControlledThreadPool
    {
        private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(5);

        // Idle workers by the affinity they were created with.
        private static readonly Dictionary<ulong, Stack<Worker>> Idle = new Dictionary<ulong, Stack<Worker>>();

        /// <summary>
        /// Claims an idle worker, or creates one (started by its first <see cref="Worker.Post"/>).
        /// </summary>
        internal static Worker Rent()
        {
            ulong[] affinity = ThreadAffinity.Capture();
            ulong key = ThreadAffinity.Key(affinity);
            lock (Idle)
            {
                if (Idle.TryGetValue(key, out Stack<Worker> idle))
                {
                    while (idle.Count > 0)
                    {
                        var candidate = idle.Pop();
                        if (candidate.TryClaim())
                        {
                            return candidate;
                        }
                    }
                }
            }

            return new Worker(key, affinity);
        }

        /// <summary>
        /// A background thread that runs one posted operation at a time.
        /// </summary>
        internal sealed class Worker
        {
            // 0: idle, 1: claimed or running, 2: exited.
            private int State = 1;
            private readonly ManualResetEventSlim WorkPosted = new ManualResetEventSlim(false, 1);
            private Action<object> Work;
            private object WorkState;
            private ExecutionContext Context;
            private bool Started;

            private readonly ulong Affinity;
            private readonly ulong[] AffinityMask;

            internal Worker(ulong key, ulong[] affinity)
            {
                this.Affinity = key;
                this.AffinityMask = affinity;
                this.Thread = new Thread(this.Loop)
                {
                    IsBackground = true,
                    Name = Guid.NewGuid().ToString()
                };
            }

            internal Thread Thread { get; }

            internal bool TryClaim() => Interlocked.CompareExchange(ref this.State, 1, 0) is 0;

            /// <summary>
            /// Runs <paramref name="work"/> on this worker, under the calling thread's execution context.
            /// </summary>
            internal void Post(Action<object> work, object state)
            {
                this.Work = work;
                this.WorkState = state;
                this.Context = ExecutionContext.Capture();
                if (!this.Started)
                {
                    this.Started = true;
                    this.Thread.Start();
                }
                else
                {
                    this.WorkPosted.Set();
                }
            }

            private void Loop()
            {
                ThreadAffinity.Apply(this.AffinityMask);
                while (true)
                {
                    var work = this.Work;
                    var state = this.WorkState;
                    var context = this.Context;
                    this.Work = null;
                    this.WorkState = null;
                    this.Context = null;
                    try
                    {
                        if (context is null)
                        {
                            work(state);
                        }
                        else
                        {
                            ExecutionContext.Run(context, s => work(s), state);
                        }
                    }
                    catch (ThreadInterruptedException)
                    {
                        // The runtime interrupts the threads of a detached iteration; the operation is over.
                    }

                    // An interrupt the runtime sent while detaching must not reach the next operation.
                    try
                    {
                        Thread.Sleep(0);
                    }
                    catch (ThreadInterruptedException)
                    {
                    }

                    if (!this.WaitForWork())
                    {
                        return;
                    }
                }
            }

            private bool WaitForWork()
            {
                this.WorkPosted.Reset();
                Volatile.Write(ref this.State, 0);
                lock (Idle)
                {
                    if (!Idle.TryGetValue(this.Affinity, out Stack<Worker> idle))
                    {
                        idle = new Stack<Worker>();
                        Idle.Add(this.Affinity, idle);
                    }

                    idle.Push(this);
                }

                while (true)
                {
                    try
                    {
                        if (this.WorkPosted.Wait(IdleTimeout))
                        {
                            return true;
                        }
                    }
                    catch (ThreadInterruptedException)
                    {
                        continue;
                    }

                    if (Interlocked.CompareExchange(ref this.State, 2, 0) is 0)
                    {
                        // Retired: a stale entry in the idle stack fails TryClaim and is skipped.
                        return false;
                    }
                }
            }
        }
    }
}
