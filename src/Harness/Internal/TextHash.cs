namespace Weave.Harness;

/// <summary>A stable 32-bit hash of a text (FNV-1a), for file names and seeds that must agree across processes.</summary>
internal static class TextHash
{
    internal static uint Fnv1a(string text)
    {
        uint hash = 2166136261;
        foreach (char c in text)
        {
            hash = (hash ^ c) * 16777619;
        }

        return hash;
    }
}
