using Microsoft.Extensions.DependencyInjection;
using Weave.Harness;

namespace Weave.FieldCatalog;

/// <summary>
/// Microsoft.Extensions.DependencyInjection 5.0.0: resolving singletons could deadlock
/// (dotnet/runtime#35986, fixed by #46157 in 6.0.0). The container built every singleton under one lock for the
/// whole root scope, and held it while running the singleton's factory. A factory that takes a lock of its own
/// (HttpClientFactory's <c>Lazy</c> did) and resolves a singleton inside it closes a cycle: thread 1 holds the
/// factory's lock and waits for the container's; thread 2 holds the container's (building another singleton)
/// and waits for the factory's. 6.0.0 locks per singleton, so the two never wait for each other.
/// </summary>
internal static class FieldCase
{
    public const string Name = "di-singleton-deadlock";

    /// <summary>The body stress runs on real threads.</summary>
    public static Func<Task>? StressBody => Test;

    /// <summary>Explores the test against the referenced package version.</summary>
    public static SystematicReport Run(SystematicOptions options) => Systematic.Explore(Test, options, Name);

    public static async Task Test()
    {
        var factoryLock = new object();
        var services = new ServiceCollection();
        services.AddSingleton<Clock>();
        services.AddTransient(provider =>
        {
            lock (factoryLock)
            {
                return new Client(provider.GetRequiredService<Clock>());
            }
        });
        services.AddSingleton(provider => new Gateway(provider.GetRequiredService<Client>()));
        using var container = services.BuildServiceProvider();

        var client = Task.Run(() => container.GetRequiredService<Client>());
        var gateway = Task.Run(() => container.GetRequiredService<Gateway>());
        await client;
        await gateway;
    }

    /// <summary>A singleton with no dependencies.</summary>
    internal sealed class Clock;

    /// <summary>A transient built under its factory's own lock.</summary>
    internal sealed class Client(Clock clock)
    {
        public Clock Clock { get; } = clock;
    }

    /// <summary>A singleton that needs a <see cref="Client"/>.</summary>
    internal sealed class Gateway(Client client)
    {
        public Client Client { get; } = client;
    }
}
