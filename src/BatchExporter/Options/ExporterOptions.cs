namespace BatchExporter.Options;

/// <summary>The <c>Exporter</c> configuration section, plus the single-key settings (<c>ANTHROPIC_API_KEY</c> …).</summary>
public sealed class ExporterOptions
{
    /// <summary>The configuration section bound to this class.</summary>
    public const string Section = "Exporter";

    /// <summary>Gets or sets the workspaces to watch. Default: one source <c>default</c> built from <c>ANTHROPIC_API_KEY</c>.</summary>
    public IList<SourceOptions> Sources { get; set; } = [];

    /// <summary>Gets or sets the time between two syncs of a source. Default 1 minute, at least 5 seconds.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets how far back batches are tracked. Default 7 days (the API keeps results for 29).</summary>
    public TimeSpan Lookback { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Gets or sets the interval of full re-listings that catch deletions and archival. Default 6 hours.</summary>
    public TimeSpan FullResyncInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Gets or sets the thresholds of <c>anthropic_batches_expiring</c>. Default 1 hour and 6 hours.</summary>
    public IList<TimeSpan> ExpiringWithin { get; set; } = [];

    /// <summary>Gets or sets whether non-ended batches get per-batch series. Default true.</summary>
    public bool PerBatchSeries { get; set; } = true;

    /// <summary>Gets or sets the cap on batches with per-batch series, per source. Default 1000.</summary>
    public int MaxBatchSeries { get; set; } = 1000;

    /// <summary>
    /// Gets or sets the API budget of one source: at most this many HTTP requests (retries included) in any
    /// rolling minute, let go evenly (one every 60/N seconds). Default 10, a fifth of the lowest tier's Message Batches limit (50 per minute), which
    /// the exporter shares with the user's own batch submissions.
    /// </summary>
    public int MaxRequestsPerMinute { get; set; } = 10;

    /// <summary>
    /// Gets or sets the API budget of the whole process: at most this many HTTP requests (retries included) in any
    /// rolling minute over all the sources this replica serves, paced evenly like each source's own. Default: none
    /// (the sum of the sources' budgets). Each replica of an HA pair or shard set spends its own.
    /// </summary>
    public int? MaxRequestsPerMinuteTotal { get; set; }

    /// <summary>Gets or sets the replica sharding settings.</summary>
    public ShardOptions Shard { get; set; } = new();

    /// <summary>Gets or sets the optional results insight.</summary>
    public ResultsOptions Results { get; set; } = new();

    /// <summary>Gets or sets the optional authentication of the scrape endpoints.</summary>
    public WebOptions Web { get; set; } = new();

    /// <summary>Gets or sets whether the exporter runs against the in-process simulator (<c>--demo</c>).</summary>
    public bool Demo { get; set; }

    /// <summary>The default expiry thresholds, used when none are configured.</summary>
    internal static readonly TimeSpan[] DefaultExpiringWithin = [TimeSpan.FromHours(1), TimeSpan.FromHours(6)];
}
