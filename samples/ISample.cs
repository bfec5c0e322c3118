namespace Weave.Samples;

/// <summary>One example of the seed tutorial, ported to C#.</summary>
internal interface ISample
{
    /// <summary>The name used on the command line.</summary>
    string Name { get; }

    /// <summary>Which seed section it ports.</summary>
    string Seed { get; }

    void Run();
}
