namespace BatchExporter.Options;

/// <summary>Optional results insight: error types and token usage from the results of batches seen ending.</summary>
public sealed class ResultsOptions
{
    /// <summary>
    /// Gets or sets whether each batch this process sees end has its results downloaded once (streamed, inside the
    /// source's request budget). Default false.
    /// </summary>
    public bool Enabled { get; set; }
}
