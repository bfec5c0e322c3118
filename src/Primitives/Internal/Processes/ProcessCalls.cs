using System.Text.Json;

namespace Weave.Primitives;

/// <summary>
/// Turns a delegate and its arguments into work for a <see cref="ProcessWorkerPool"/> and a future
/// that reads the result back: shared by <see cref="ProcessPoolExecutor"/> and <see cref="ProcessPool"/>.
/// </summary>
internal static class ProcessCalls
{
    internal static Future<TResult> Submit<TResult>(ProcessWorkerPool pool, Delegate function, object?[] arguments, string shutDownMessage)
    {
        CallTarget target = CallTarget.FromDelegate(function, nameof(function));
        JsonElement[] call = CallTarget.SerializeArguments(function, arguments);
        var future = new Future<TResult>();
        pool.Submit(future, target, [call], results => future.SetResult(results[0].Deserialize<TResult>(ProcessJson.Options)!), shutDownMessage);
        return future;
    }

    internal static Future SubmitAction(ProcessWorkerPool pool, Delegate action, object?[] arguments, string shutDownMessage)
    {
        CallTarget target = CallTarget.FromDelegate(action, nameof(action));
        JsonElement[] call = CallTarget.SerializeArguments(action, arguments);
        var future = new Future();
        pool.Submit(future, target, [call], _ => future.SetResult(), shutDownMessage);
        return future;
    }

    /// <summary>Submits <paramref name="source"/> in chunks, one future per chunk; everything is submitted now.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="chunkSize"/> is less than one.</exception>
    internal static List<Future<TResult[]>> SubmitChunks<TSource, TResult>(
        ProcessWorkerPool pool, Func<TSource, TResult> function, IEnumerable<TSource> source, int chunkSize, string shutDownMessage)
    {
        CallTarget target = CallTarget.FromDelegate(function, nameof(function));
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        var futures = new List<Future<TResult[]>>();
        try
        {
            foreach (TSource[] chunk in source.Chunk(chunkSize))
            {
                JsonElement[][] calls = [.. chunk.Select(item => CallTarget.SerializeArguments(function, [item]))];
                var future = new Future<TResult[]>();
                pool.Submit(
                    future,
                    target,
                    calls,
                    results => future.SetResult([.. results.Select(r => r.Deserialize<TResult>(ProcessJson.Options)!)]),
                    shutDownMessage);
                futures.Add(future);
            }
        }
        catch
        {
            futures.ForEach(f => f.Cancel());
            throw;
        }

        return futures;
    }
}
