using System.Text.Json;

namespace Weave.Primitives;

/// <summary>
/// Parent → worker: run <see cref="Target"/> once per argument list in <see cref="Calls"/> (one list
/// for Submit, several for a chunk of Map), or exit when <see cref="Target"/> is null. With
/// <see cref="Once"/> (a <see cref="WorkerProcess"/>'s target, named <see cref="ProcessName"/>) the worker exits
/// right after answering: code 0, or 1 after printing the target's exception to its standard error, as
/// Python's child processes do.
/// </summary>
internal sealed record WorkerRequest(long Id, CallTarget? Target, JsonElement[][] Calls, bool Once = false, string? ProcessName = null);

/// <summary>Worker → parent: one result per argument list, or the error that stopped the chunk.</summary>
internal sealed record WorkerResponse(long Id, JsonElement[]? Results, RemoteError? Error);
