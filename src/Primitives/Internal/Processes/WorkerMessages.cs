using System.Text.Json;

namespace Weave.Primitives;

/// <summary>
/// Parent → worker: run <see cref="Target"/> once per argument list in <see cref="Calls"/> (one list
/// for Submit, several for a chunk of Map), or exit when <see cref="Target"/> is null.
/// </summary>
internal sealed record WorkerRequest(long Id, CallTarget? Target, JsonElement[][] Calls);

/// <summary>Worker → parent: one result per argument list, or the error that stopped the chunk.</summary>
internal sealed record WorkerResponse(long Id, JsonElement[]? Results, RemoteError? Error);
