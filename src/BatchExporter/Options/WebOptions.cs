namespace BatchExporter.Options;

/// <summary>
/// Optional protection of <c>/metrics</c> and <c>/</c> (probes stay open): a bearer token, or basic
/// authentication, as Prometheus' <c>authorization</c> and <c>basic_auth</c> scrape settings send them. TLS is
/// standard Kestrel configuration (<c>Kestrel__Endpoints__Https__Url</c>, <c>…__Certificate__Path</c>).
/// </summary>
public sealed class WebOptions
{
    /// <summary>Gets or sets a file holding the bearer token scrapers must send. Off when unset.</summary>
    public string? BearerTokenFile { get; set; }

    /// <summary>Gets or sets the basic authentication user name. Off when unset.</summary>
    public string? BasicAuthUsername { get; set; }

    /// <summary>Gets or sets a file holding the basic authentication password (required with a user name).</summary>
    public string? BasicAuthPasswordFile { get; set; }
}
