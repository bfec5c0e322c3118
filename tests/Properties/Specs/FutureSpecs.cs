using FsCheck.Fluent;
using Weave.Harness;
using Weave.Primitives;

namespace Weave.PropertiesTests.Specs;

/// <summary>The ConcurrentSpec of <see cref="Future{T}"/>.</summary>
internal static class FutureSpecs
{
    public static ConcurrentSpec<Future<int>, (FutureState State, int Value, bool Failed), FutureOp<int>, FutureResult<int>> Future() => new(
        () => new Future<int>(),
        new FutureSpec<int>(),
        Gen.Frequency(
            (2, Gen.Constant(FutureOp<int>.Of(FutureOpKind.SetRunning))),
            (2, Gen.Choose(1, 9).Select(FutureOp<int>.SetResult)),
            (1, Gen.Constant(FutureOp<int>.Of(FutureOpKind.SetException))),
            (2, Gen.Constant(FutureOp<int>.Of(FutureOpKind.Cancel))),
            (3, Gen.Constant(FutureOp<int>.Of(FutureOpKind.TimedResult))),
            (1, Gen.Constant(FutureOp<int>.Of(FutureOpKind.IsDone)))),
        Apply);

    public static FutureResult<int> Apply(Future<int> future, FutureOp<int> op)
    {
        try
        {
            switch (op.Kind)
            {
                case FutureOpKind.SetRunning:
                    return FutureResult<int>.Of(future.SetRunningOrNotifyCancel());
                case FutureOpKind.SetResult:
                    future.SetResult(op.Value);
                    return FutureResult<int>.Ok;
                case FutureOpKind.SetException:
                    future.SetException(new InvalidDataException("the work failed"));
                    return FutureResult<int>.Ok;
                case FutureOpKind.Cancel:
                    return FutureResult<int>.Of(future.Cancel());
                case FutureOpKind.IsDone:
                    return FutureResult<int>.Of(future.IsDone);
                case FutureOpKind.Result:
                    return FutureResult<int>.Returned(future.Result());
                default:
                    return FutureResult<int>.Returned(future.Result(Timeouts.Short));
            }
        }
        catch (TimeoutException)
        {
            return FutureResult<int>.TimedOut;
        }
        catch (OperationCanceledException)
        {
            return FutureResult<int>.Cancelled;
        }
        catch (InvalidOperationException) when (op.Kind is FutureOpKind.SetRunning or FutureOpKind.SetResult or FutureOpKind.SetException)
        {
            return FutureResult<int>.InvalidState;
        }
        catch (InvalidDataException)
        {
            return FutureResult<int>.Failed;
        }
    }
}
