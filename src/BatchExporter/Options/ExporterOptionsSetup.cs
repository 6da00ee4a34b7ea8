using Microsoft.Extensions.Options;

namespace BatchExporter.Options;

/// <summary>
/// Fills what the configuration leaves open: the single-key <c>default</c> source from <c>ANTHROPIC_API_KEY</c>,
/// <c>ANTHROPIC_API_KEY_FILE</c>, <c>ANTHROPIC_WORKSPACE_ID</c> and <c>ANTHROPIC_BASE_URL</c>, each source's base URL, and the default thresholds.
/// </summary>
internal sealed class ExporterOptionsSetup(IConfiguration configuration) : IPostConfigureOptions<ExporterOptions>
{
    public const string ApiKeyVariable = "ANTHROPIC_API_KEY";
    public const string ApiKeyFileVariable = "ANTHROPIC_API_KEY_FILE";
    public const string BaseUrlVariable = "ANTHROPIC_BASE_URL";

    /// <summary>The workspace id of the single source; the official SDKs read the same variable.</summary>
    public const string WorkspaceIdVariable = "ANTHROPIC_WORKSPACE_ID";
    public const string DefaultSourceName = "default";
    public const string DefaultBaseUrl = "https://api.anthropic.com";

    public void PostConfigure(string? name, ExporterOptions options)
    {
        var baseUrl = NullIfEmpty(configuration[BaseUrlVariable]) ?? DefaultBaseUrl;
        if (options.Sources.Count == 0)
        {
            options.Sources.Add(new SourceOptions
            {
                Name = DefaultSourceName,
                ApiKey = NullIfEmpty(configuration[ApiKeyVariable]),
                ApiKeyFile = NullIfEmpty(configuration[ApiKeyFileVariable]),
                WorkspaceId = NullIfEmpty(configuration[WorkspaceIdVariable]),
            });
        }

        foreach (var source in options.Sources)
        {
            source.BaseUrl = NullIfEmpty(source.BaseUrl) ?? baseUrl;
            source.ApiKey = NullIfEmpty(source.ApiKey);
            source.ApiKeyFile = NullIfEmpty(source.ApiKeyFile);
            source.WorkspaceId = NullIfEmpty(source.WorkspaceId);
        }

        options.Web.BearerTokenFile = NullIfEmpty(options.Web.BearerTokenFile);
        options.Web.BasicAuthUsername = NullIfEmpty(options.Web.BasicAuthUsername);
        options.Web.BasicAuthPasswordFile = NullIfEmpty(options.Web.BasicAuthPasswordFile);

        if (options.ExpiringWithin.Count == 0)
        {
            foreach (var threshold in ExporterOptions.DefaultExpiringWithin)
            {
                options.ExpiringWithin.Add(threshold);
            }
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
