using BenchmarkDotNet.Attributes;
using Weave.Harness;

namespace Weave.Perf;

/// <summary>
/// The checker on generated key-value histories (Porcupine's kv shape: 10 keys; 10 and 50 clients; 4,000
/// calls), checked one partition per key, several at once. More clients means more overlap per key.
/// </summary>
[MemoryDiagnoser]
public class KeyValueCheckerBenchmarks
{
    private readonly KeyValueSpec _spec = new();
    private IReadOnlyList<HistoryEntry<KvOp, KvResult>> _kv = [];

    [Params(10, 50)]
    public int Clients { get; set; }

    [GlobalSetup]
    public void Generate()
    {
        _kv = KeyValueHistories.Generate(keys: 10, Clients, calls: 4_000, seed: 20261125);
        if (!Linearizability.Check(_spec, _kv, TimeSpan.FromMinutes(5)).IsLinearizable)
        {
            throw new InvalidOperationException("The generated key-value history should be linearizable.");
        }
    }

    [Benchmark(Description = "Linearizability.Check, key-value (10 keys, 4,000 calls)")]
    public bool KeyValue() => Linearizability.Check(_spec, _kv, TimeSpan.FromMinutes(1)).IsLinearizable;
}
