namespace BatchExporter.Sync;

/// <summary>
/// Processing status values. The API may add values; an unknown one is kept as data (it counts as not ended)
/// and interned, so a million batches share a handful of strings.
/// </summary>
internal static class BatchStatus
{
    public const string InProgress = "in_progress";
    public const string Canceling = "canceling";
    public const string Ended = "ended";

    /// <summary>The documented values, which <c>anthropic_batches</c> always reports (0 when none).</summary>
    public static readonly string[] Known = [InProgress, Canceling, Ended];

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Interned = new(StringComparer.Ordinal);

    public static string Intern(string value) => value switch
    {
        InProgress => InProgress,
        Canceling => Canceling,
        Ended => Ended,
        _ => Interned.GetOrAdd(value, value),
    };
}
