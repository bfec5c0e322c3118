using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Weave.Primitives.Tests;

/// <summary>Every primitive carries a [DebuggerDisplay] whose members exist (runtime's ValidateDebuggerAttributes).</summary>
public sealed class DebuggerDisplayTests
{
    public static TheoryData<Type> PrimitiveTypes => new()
    {
        typeof(PrimitiveLock),
        typeof(ReentrantLock),
        typeof(Condition),
        typeof(CountingSemaphore),
        typeof(BoundedSemaphore),
        typeof(Event),
        typeof(CyclicBarrier),
        typeof(WorkerThread),
        typeof(Deadline),
        typeof(BlockingQueue<int>),
        typeof(SimpleQueue<int>),
        typeof(Future),
        typeof(ThreadPoolExecutor),
    };

    [Theory]
    [MemberData(nameof(PrimitiveTypes))]
    public void DebuggerDisplay_NamesOnlyMembersThatExist(Type type)
    {
        var attribute = type.GetCustomAttribute<DebuggerDisplayAttribute>(inherit: false);
        Assert.NotNull(attribute);
        foreach (Match match in Regex.Matches(attribute!.Value, @"\{([A-Za-z_][A-Za-z0-9_]*)(\(\))?(,nq)?\}"))
        {
            string member = match.Groups[1].Value;
            const BindingFlags Flags = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.FlattenHierarchy;
            bool found = false;
            for (Type? t = type; t is not null && !found; t = t.BaseType)
            {
                found = t.GetMember(member, Flags | BindingFlags.DeclaredOnly).Length > 0;
            }

            Assert.True(found, $"{type.Name}'s DebuggerDisplay names '{member}', which does not exist.");
        }
    }
}
