using BenchmarkDotNet.Attributes;
using Weave.Harness;

namespace Weave.Perf;

/// <summary>
/// The linearizability checker on another system's histories: the 102 Jepsen etcd histories of Porcupine's test
/// suite, the whole set per operation (reference: Porcupine checks them in 0.39 s on this machine kind).
/// Allocated bytes bound the heap the search grows.
/// </summary>
[MemoryDiagnoser]
public class CheckerBenchmarks
{
    private readonly KeyValueSpec _spec = new();
    private List<IReadOnlyList<HistoryEntry<KvOp, KvResult>>> _etcd = [];

    [GlobalSetup]
    public void Load()
    {
        string data = Path.Combine(AppContext.BaseDirectory, "Data", "porcupine-etcd");
        _etcd = [.. File.ReadAllLines(Path.Combine(data, "expected.tsv"))
            .Where(line => line.Contains('\t', StringComparison.Ordinal))
            .Select(line => JepsenHistory.Read(Path.Combine(data, line.Split('\t')[0])))];
    }

    [Benchmark(Description = "Linearizability.Check, 102 etcd histories")]
    public int EtcdSet()
    {
        int linearizable = 0;
        foreach (var history in _etcd)
        {
            linearizable += Linearizability.Check(_spec, history, TimeSpan.FromMinutes(1)).IsLinearizable ? 1 : 0;
        }

        return linearizable == 23 ? linearizable : throw new InvalidOperationException($"{linearizable} linearizable, expected 23.");
    }
}
