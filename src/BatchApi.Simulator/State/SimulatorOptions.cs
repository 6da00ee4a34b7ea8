namespace BatchApi.Simulator.State;

/// <summary>Settings of a <see cref="BatchSimulator"/>. Every property has a usable default.</summary>
public sealed class SimulatorOptions
{
    /// <summary>The API key the simulator accepts. Default: a random <c>sk-ant-sim-…</c> key per simulator.</summary>
    public string? ApiKey { get; init; }

    /// <summary>
    /// Whether the key is identity-linked (it can act on several workspaces): every request must then name its
    /// workspace in <c>anthropic-workspace-id</c>, or the API answers 400. Default false: a key of the default
    /// workspace, for which the header is optional.
    /// </summary>
    public bool IdentityLinkedKey { get; init; }

    /// <summary>
    /// The organization's Message Batches rate limit in requests per minute, over every workspace and endpoint,
    /// enforced per second (a 30 RPM limit lets one request through every two seconds); a request over it gets
    /// 429 <c>rate_limit_error</c> with <c>retry-after</c>. Default null: no limit.
    /// </summary>
    public int? OrganizationRequestsPerMinute { get; init; }

    /// <summary>Seed of the batch id generator; the same seed and the same calls give the same ids. Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>How long a canceled batch stays <c>canceling</c> before it ends. Default 30 s.</summary>
    public TimeSpan CancelDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Fraction digits (0..9) of the RFC 3339 timestamps written on the wire. The n-th timestamp written in a response
    /// uses <c>TimestampFractionDigits[n % Count]</c>, so <c>[0, 3, 9]</c> varies the precision from one timestamp to
    /// the next (for parser tests). Default <c>[6]</c>, the real API's microseconds.
    /// </summary>
    public IReadOnlyList<int> TimestampFractionDigits { get; init; } = [6];

    /// <summary>
    /// Base of <c>results_url</c>. Default: the base URL of the running <see cref="Hosting.SimulatorServer"/>, or
    /// <c>https://api.anthropic.com</c> before a server is started.
    /// </summary>
    public Uri? ResultsBaseUrl { get; init; }

    /// <summary>
    /// A path segment put before <c>/v1/…/results</c> in every <c>results_url</c>, e.g. <c>/download</c> (the server
    /// answers results there too), so a client that follows <c>results_url</c> can be told from one that builds the
    /// path itself. Default none.
    /// </summary>
    public string? ResultsPathPrefix { get; init; }

    /// <summary>
    /// Characters of answer text in each succeeded result line (default 17, "Simulated answer."); raise it to make
    /// results files as large as real ones (a 100,000-request batch at 2,500 characters is about 270 MB).
    /// </summary>
    public int ResultTextLength { get; init; } = 17;
}
