using System.Collections;
using System.Diagnostics;

namespace Weave.Primitives;

/// <summary>
/// The results of <see cref="ProcessPool.Imap{TSource, TResult}"/> (input order) or
/// <see cref="ProcessPool.ImapUnordered{TSource, TResult}"/> (completion order), as they arrive:
/// Python's <c>IMapIterator</c>. A one-shot enumerator; <see cref="MoveNext(TimeSpan)"/> is
/// Python's <c>next(timeout)</c>. A call that threw rethrows at its position (its whole chunk), and
/// iteration can continue after it.
/// </summary>
[DebuggerDisplay("Chunks taken = {_chunksTaken}/{_chunkCount}")]
public sealed class ImapIterator<T> : IEnumerable<T>, IEnumerator<T>
{
    private readonly IReadOnlyList<Future<T[]>> _ordered;     // Imap: chunk futures in input order.
    private readonly SimpleQueue<Future<T[]>>? _completed;     // ImapUnordered: put by each chunk's done callback.
    private readonly int _chunkCount;
    private int _chunksTaken;
    private T[] _chunk = [];
    private int _index;
    private T _current = default!;

    internal ImapIterator(List<Future<T[]>> chunks, bool ordered)
    {
        _ordered = chunks;
        _chunkCount = chunks.Count;
        if (!ordered)
        {
            _completed = new SimpleQueue<Future<T[]>>();
            foreach (Future<T[]> chunk in chunks)
            {
                chunk.AddDoneCallback(_completed.Put);
            }
        }
    }

    /// <inheritdoc/>
    public T Current => _current;

    object? IEnumerator.Current => _current;

    /// <summary>Moves to the next result, waiting for it as long as it takes.</summary>
    /// <returns>false when every result has been taken.</returns>
    /// <exception cref="Exception">The worker's exception, for a call that threw.</exception>
    public bool MoveNext() => MoveNextCore(Deadline.Infinite);

    /// <summary>Moves to the next result, waiting at most <paramref name="timeout"/>. Python: <c>next(timeout)</c>.</summary>
    /// <returns>false when every result has been taken.</returns>
    /// <exception cref="TimeoutException">The next result did not arrive in time; it is not lost, a later call returns it.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    public bool MoveNext(TimeSpan timeout) => MoveNextCore(Deadline.After(timeout));

    /// <summary>Returns this iterator: like Python's, it can be walked once.</summary>
    public IEnumerator<T> GetEnumerator() => this;

    IEnumerator IEnumerable.GetEnumerator() => this;

    /// <summary>Not supported: results are taken once.</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public void Reset() => throw new NotSupportedException("A pool's result iterator can be walked once.");

    /// <summary>Nothing to release; the results not taken stay with their futures.</summary>
    public void Dispose()
    {
    }

    private bool MoveNextCore(Deadline deadline)
    {
        while (_index >= _chunk.Length)
        {
            if (_chunksTaken == _chunkCount)
            {
                return false;
            }

            Future<T[]> next = _completed is null ? _ordered[_chunksTaken] : TakeCompleted(deadline);
            if (!next.WaitDone(deadline))
            {
                throw new TimeoutException("The next result did not arrive within the timeout.");
            }

            _chunksTaken++;
            _index = 0;
            _chunk = []; // If Result throws, the spent chunk must not be walked again from index 0.
            _chunk = next.Result(); // Rethrows the worker's exception: this chunk is consumed.
        }

        _current = _chunk[_index++];
        return true;
    }

    private Future<T[]> TakeCompleted(Deadline deadline)
    {
        if (!_completed!.TryGet(out Future<T[]>? future, deadline.IsInfinite ? Timeout.InfiniteTimeSpan : deadline.Remaining))
        {
            throw new TimeoutException("The next result did not arrive within the timeout.");
        }

        return future;
    }
}
