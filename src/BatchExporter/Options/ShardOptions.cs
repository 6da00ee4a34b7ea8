namespace BatchExporter.Options;

/// <summary>Spreads sources over replicas: a replica serves the sources whose name hashes to its index.</summary>
public sealed class ShardOptions
{
    /// <summary>Gets or sets this replica's index, 0 ≤ Index &lt; Count. Default 0.</summary>
    [IntegerRange(0)]
    public int Index { get; set; }

    /// <summary>Gets or sets the number of replicas. Default 1 (no sharding).</summary>
    [IntegerRange(1)]
    public int Count { get; set; } = 1;

    /// <summary>Whether this replica serves <paramref name="sourceName"/>: a stable FNV-1a hash of the name, modulo <see cref="Count"/>.</summary>
    public bool Serves(string sourceName)
    {
        var hash = 2166136261u;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(sourceName))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash % (uint)Count == (uint)Index;
    }
}
