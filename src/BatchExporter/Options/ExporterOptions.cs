using Microsoft.Extensions.Options;

namespace BatchExporter.Options;

/// <summary>The <c>Exporter</c> configuration section, plus the single-key settings (<c>ANTHROPIC_API_KEY</c> …).</summary>
public sealed class ExporterOptions
{
    /// <summary>The configuration section bound to this class.</summary>
    public const string Section = "Exporter";

    /// <summary>
    /// The keys whose values are durations, in Prometheus form (<c>5m</c>) or TimeSpan form (<c>00:05:00</c>): every
    /// <see cref="TimeSpan"/> option, listed here because the source-generated binder reads TimeSpan form only.
    /// </summary>
    internal static readonly string[] DurationKeys = [nameof(PollInterval), nameof(Lookback), nameof(FullResyncInterval), nameof(ExpiringWithin), nameof(EndedSeriesWindow)];

    /// <summary>Gets or sets the workspaces to watch. Default: one source <c>default</c> built from <c>ANTHROPIC_API_KEY</c>.</summary>
    [ValidateEnumeratedItems]
    public IList<SourceOptions> Sources { get; set; } = [];

    /// <summary>Gets or sets the time between two syncs of a source. Default <c>1m</c>, at least <c>5s</c>.</summary>
    [DurationRange("5s")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets how far back batches are tracked. Default <c>7d</c> (the API keeps results for 29 days).</summary>
    [DurationRange("25h")] // a batch lives up to 24 h: a shorter window drops running batches before their end is seen
    public TimeSpan Lookback { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Gets or sets the interval of full re-listings that catch deletions and archival. Default <c>6h</c>, at least the poll interval.</summary>
    public TimeSpan FullResyncInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Gets or sets the thresholds of <c>anthropic_batches_expiring</c>. Default <c>1h</c> and <c>6h</c>, each at most <c>24h</c>.</summary>
    [DurationRange("1s", "24h")]
    public IList<TimeSpan> ExpiringWithin { get; set; } = [];

    /// <summary>
    /// Gets or sets how long an ended batch keeps its per-batch series (with <c>anthropic_batch_ended_requests</c>), from
    /// its <c>ended_at</c>. Default 1 hour, at most 24 hours.
    /// </summary>
    [DurationRange("1s", "24h")]
    public TimeSpan EndedSeriesWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Gets or sets whether batches get per-batch series (not yet ended, or ended within <see cref="EndedSeriesWindow"/>). Default true.</summary>
    public bool PerBatchSeries { get; set; } = true;

    /// <summary>Gets or sets the cap on batches with per-batch series, per source. Default 1000.</summary>
    [IntegerRange(0)]
    public int MaxBatchSeries { get; set; } = 1000;

    /// <summary>
    /// Gets or sets the API budget of one source: at most this many HTTP requests (retries included) in any
    /// rolling minute, let go evenly (one every 60/N seconds). Default 10, a fifth of the lowest tier's Message Batches limit (50 per minute), which
    /// the exporter shares with the user's own batch submissions.
    /// </summary>
    [IntegerRange(1, 100_000)]
    public int MaxRequestsPerMinute { get; set; } = 10;

    /// <summary>
    /// Gets or sets the API budget of the whole process: at most this many HTTP requests (retries included) in any
    /// rolling minute over all the sources this replica serves, paced evenly like each source's own. Default: none
    /// (the sum of the sources' budgets). Each replica of an HA pair or shard set spends its own.
    /// </summary>
    [IntegerRange(1, 100_000)]
    public int? MaxRequestsPerMinuteTotal { get; set; }

    /// <summary>Gets or sets the replica sharding settings.</summary>
    [ValidateObjectMembers]
    public ShardOptions Shard { get; set; } = new();

    /// <summary>Gets or sets the optional results insight.</summary>
    public ResultsOptions Results { get; set; } = new();

    /// <summary>Gets or sets the optional authentication of the scrape endpoints.</summary>
    public WebOptions Web { get; set; } = new();

    /// <summary>The default expiry thresholds, used when none are configured.</summary>
    internal static readonly TimeSpan[] DefaultExpiringWithin = [TimeSpan.FromHours(1), TimeSpan.FromHours(6)];
}
