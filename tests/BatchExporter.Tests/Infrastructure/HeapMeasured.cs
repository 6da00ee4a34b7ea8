namespace BatchExporter.Tests.Infrastructure;

/// <summary>
/// Tests that compare this process's managed heap over time run alone: a test class running beside them (xUnit runs
/// classes in parallel) allocates and holds memory of its own, which shows as growth that is not theirs (a 1.7 MB drift
/// with a 135 MB floor in one full run, against 0.4 MB and 17.5 MB alone).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HeapMeasured
{
    public const string Name = "heap measurement";
}
