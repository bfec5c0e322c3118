using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Weave.Primitives;

/// <summary>
/// A static method named so that another process can find it: the assembly file, the method's
/// metadata token and its generic arguments. Python pickles a function by its qualified name; this
/// is the .NET equivalent, and it also names lambdas that capture nothing (the compiler's cached
/// instance of their closure class is recreated in the worker).
/// </summary>
internal sealed record CallTarget(string AssemblyPath, string TypeName, string MethodName, int MetadataToken, string[] GenericArguments)
{
    private static readonly JsonElement s_noResult = JsonSerializer.SerializeToElement<object?>(null);
    private static readonly ConcurrentDictionary<CallTarget, (MethodInfo Method, object? Instance)> s_resolved = new();

    /// <summary>Names <paramref name="function"/>'s method, refusing what cannot cross a process boundary.</summary>
    /// <exception cref="ArgumentException">The delegate captures state, is bound to an object, is a multicast delegate, or its method has no assembly file.</exception>
    internal static CallTarget FromDelegate(Delegate function, string paramName)
    {
        ArgumentNullException.ThrowIfNull(function, paramName);
        if (function.HasSingleTarget is false)
        {
            throw new ArgumentException("A multicast delegate cannot run in another process; pass one method.", paramName);
        }

        MethodInfo method = function.Method;
        Type? declaring = method.DeclaringType;
        string name = $"{declaring?.Name}.{method.Name}";
        if (function.Target is object target)
        {
            Type closure = target.GetType();
            if (!closure.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false))
            {
                throw new ArgumentException(
                    $"{name} is an instance method bound to a {closure.Name}; an object cannot cross to another process. " +
                    "Use a static method and pass the data it needs as arguments.", paramName);
            }

            FieldInfo[] captured = closure.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
            if (captured.Length > 0)
            {
                string names = string.Join(", ", captured.Select(f => f.Name.Contains("__this", StringComparison.Ordinal) ? "this" : f.Name));
                throw new ArgumentException(
                    $"The lambda {method.Name} captures {names}; work for another process is a static method plus its arguments " +
                    "(the way Python pickles a function by name). Make the lambda static and pass the captured values as arguments.", paramName);
            }
        }

        if (declaring is null || method is System.Reflection.Emit.DynamicMethod || string.IsNullOrEmpty(method.Module.Assembly.Location))
        {
            throw new ArgumentException($"{name} was built at run time and has no assembly file another process could load.", paramName);
        }

        if (declaring.IsGenericType)
        {
            throw new ArgumentException($"{name} is declared in the generic type {declaring.Name}; use a method of a non-generic type.", paramName);
        }

        string[] genericArguments = method.IsGenericMethod
            ? [.. method.GetGenericArguments().Select(t => t.AssemblyQualifiedName!)]
            : [];
        return new CallTarget(method.Module.Assembly.Location, declaring.FullName!, method.Name, method.MetadataToken, genericArguments);
    }

    /// <summary>Serialises arguments by the method's parameter types, as the worker will read them.</summary>
    internal static JsonElement[] SerializeArguments(Delegate function, object?[] arguments)
    {
        ParameterInfo[] parameters = function.Method.GetParameters();
        var elements = new JsonElement[arguments.Length];
        for (int i = 0; i < arguments.Length; i++)
        {
            elements[i] = JsonSerializer.SerializeToElement(arguments[i], parameters[i].ParameterType, ProcessJson.Options);
        }

        return elements;
    }

    /// <summary>Runs the method on serialised arguments and serialises its result (worker side).</summary>
    internal JsonElement Invoke(JsonElement[] arguments)
    {
        (MethodInfo method, object? instance) = s_resolved.GetOrAdd(this, static t => t.Resolve());
        ParameterInfo[] parameters = method.GetParameters();
        if (parameters.Length != arguments.Length)
        {
            throw new ArgumentException($"{TypeName}.{MethodName} takes {parameters.Length} argument(s), {arguments.Length} were sent.");
        }

        object?[] values = new object?[arguments.Length];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = arguments[i].Deserialize(parameters[i].ParameterType, ProcessJson.Options);
        }

        object? result;
        try
        {
            result = method.Invoke(instance, values);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw; // Unreachable.
        }

        return method.ReturnType == typeof(void)
            ? s_noResult
            : JsonSerializer.SerializeToElement(result, method.ReturnType, ProcessJson.Options);
    }

    private (MethodInfo, object?) Resolve()
    {
        Assembly assembly = Assembly.LoadFrom(AssemblyPath);
        if (assembly.ManifestModule.ResolveMethod(MetadataToken) is not MethodInfo method || method.Name != MethodName)
        {
            throw new MissingMethodException($"{TypeName}.{MethodName} is not in {AssemblyPath} (was the assembly rebuilt while the pool ran?).");
        }

        if (GenericArguments.Length > 0)
        {
            method = method.MakeGenericMethod([.. GenericArguments.Select(n => Type.GetType(n, throwOnError: true)!)]);
        }

        object? instance = null;
        if (!method.IsStatic)
        {
            // A lambda that captures nothing: an instance method of the compiler's closure class,
            // whose cached instance is the static field <>9 (or any fresh instance: it has no state).
            Type closure = method.DeclaringType!;
            instance = closure.GetField("<>9", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)?.GetValue(null)
                ?? Activator.CreateInstance(closure, nonPublic: true);
        }

        return (method, instance);
    }
}
