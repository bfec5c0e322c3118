using System.Reflection;

namespace Weave.Primitives;

/// <summary>
/// An exception as it crosses a process boundary: its type's name, message and stack trace. Turned
/// back into an exception of the same type where that type can be built from a message, with a
/// <see cref="RemoteException"/> carrying the other process's stack trace as its inner exception
/// (when the type has a (message, inner) constructor) and in <see cref="Exception.Data"/>.
/// </summary>
internal sealed record RemoteError(string Type, string Message, string? StackTrace)
{
    internal static RemoteError From(Exception exception)
    {
        if (exception is TargetInvocationException { InnerException: Exception inner })
        {
            exception = inner;
        }

        return new RemoteError(exception.GetType().AssemblyQualifiedName ?? exception.GetType().FullName!, exception.Message, exception.ToString());
    }

    internal Exception ToException()
    {
        var remote = new RemoteException(Type, Message, StackTrace);
        Type? type = System.Type.GetType(Type, throwOnError: false);
        if (type is null || !typeof(Exception).IsAssignableFrom(type) || type == typeof(RemoteException))
        {
            return remote;
        }

        try
        {
            Exception? rebuilt = type.GetConstructor([typeof(string), typeof(Exception)]) is ConstructorInfo withInner
                ? (Exception)withInner.Invoke([Message, remote])
                : type.GetConstructor([typeof(string)]) is ConstructorInfo withMessage
                    ? (Exception)withMessage.Invoke([Message])
                    : null;
            if (rebuilt is not null)
            {
                rebuilt.Data[RemoteException.StackTraceKey] = StackTrace;
                return rebuilt;
            }
        }
        catch (TargetInvocationException)
        {
            // The type's constructor refused the message; the remote exception says it all.
        }

        return remote;
    }
}
