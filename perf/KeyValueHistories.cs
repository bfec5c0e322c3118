using Weave.Harness;

namespace Weave.Perf;

/// <summary>
/// Generated key-value histories (Porcupine's kv test shape): clients issue get/put/append on a few keys with
/// overlapping intervals; each call takes effect at a random instant inside its interval, in that order, on a
/// sequential store — so the history is linearizable by construction, and the checker must find that.
/// </summary>
internal static class KeyValueHistories
{
    public static IReadOnlyList<HistoryEntry<KvOp, KvResult>> Generate(int keys, int clients, int calls, int seed)
    {
        var random = new Random(seed);
        var planned = new List<(int Client, KvOp Op, long Invoked, long Returned, double At)>();
        var clientTime = new long[clients];
        for (int i = 0; i < calls; i++)
        {
            int client = random.Next(clients);
            long invoked = clientTime[client] + 1 + random.Next(3);
            long returned = invoked + 1 + random.Next(2 * clients);
            clientTime[client] = returned;
            string key = $"k{random.Next(keys)}";
            KvOp op = random.Next(3) switch
            {
                0 => KvOp.Read(key),
                1 => KvOp.Write($"{i}", key),
                _ => KvOp.Append($"{i % 10}", key),
            };
            // Strictly inside the interval, by half a tick at least: still inside once times are made distinct below.
            planned.Add((client, op, invoked, returned, invoked + 0.5 + (random.NextDouble() * (returned - invoked - 1))));
        }

        var store = new Dictionary<string, string?>();
        var results = new KvResult[planned.Count];
        foreach (int i in Enumerable.Range(0, planned.Count).OrderBy(i => planned[i].At))
        {
            var op = planned[i].Op;
            store.TryGetValue(op.Key!, out string? value);
            results[i] = op.Kind == KvOpKind.Read ? KvResult.Of(value) : KvResult.Done;
            store[op.Key!] = op.Kind switch
            {
                KvOpKind.Write => op.Value,
                KvOpKind.Append => (value ?? "") + op.Value,
                _ => value,
            };
        }

        // Distinct logical times: invocations before returns at equal times, as recorded histories have them.
        return [.. planned.Select((p, i) => new HistoryEntry<KvOp, KvResult>(i, p.Client, p.Op, results[i], (p.Invoked * 2 * planned.Count) + i, (p.Returned * 2 * planned.Count) + planned.Count + i))];
    }
}
