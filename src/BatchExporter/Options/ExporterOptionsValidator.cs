using Microsoft.Extensions.Options;

namespace BatchExporter.Options;

/// <summary>
/// Checks the rules that span fields. Each failure names the configuration key and the offending value
/// (never an API key), so the process can stop with one clear line.
/// </summary>
internal sealed class ExporterOptionsValidator(IConfiguration configuration) : IValidateOptions<ExporterOptions>
{
    private static readonly TimeSpan MinPollInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaxExpiryThreshold = TimeSpan.FromHours(24);
    private static readonly TimeSpan MinLookback = TimeSpan.FromHours(25);

    public ValidateOptionsResult Validate(string? name, ExporterOptions options)
    {
        var failures = new List<string>();
        const string S = ExporterOptions.Section;

        if (options.PollInterval < MinPollInterval)
        {
            failures.Add($"{S}:PollInterval must be at least {MinPollInterval:c} (got {options.PollInterval:c})");
        }

        if (options.Lookback <= TimeSpan.Zero)
        {
            failures.Add($"{S}:Lookback must be positive (got {options.Lookback:c})");
        }
        else if (options.Lookback < MinLookback)
        {
            failures.Add($"{S}:Lookback must be at least {MinLookback:c}: a batch lives up to 24 hours, and a shorter window drops running batches before their end is seen (got {options.Lookback:c})");
        }

        if (options.FullResyncInterval < options.PollInterval)
        {
            failures.Add($"{S}:FullResyncInterval must be at least {S}:PollInterval (got {options.FullResyncInterval:c})");
        }

        for (var i = 0; i < options.ExpiringWithin.Count; i++)
        {
            var threshold = options.ExpiringWithin[i];
            if (threshold <= TimeSpan.Zero || threshold > MaxExpiryThreshold)
            {
                failures.Add($"{S}:ExpiringWithin:{i} must be between 0 and 24:00:00 (got {threshold:c})");
            }
        }

        if (options.MaxBatchSeries < 0)
        {
            failures.Add($"{S}:MaxBatchSeries must not be negative (got {options.MaxBatchSeries})");
        }

        if (options.MaxRequestsPerMinute is < 1 or > 100_000)
        {
            failures.Add($"{S}:MaxRequestsPerMinute must be between 1 and 100000 (got {options.MaxRequestsPerMinute})");
        }

        if (options.MaxRequestsPerMinuteTotal is < 1 or > 100_000)
        {
            failures.Add($"{S}:MaxRequestsPerMinuteTotal must be between 1 and 100000 (got {options.MaxRequestsPerMinuteTotal})");
        }

        if (options.Shard.Count < 1)
        {
            failures.Add($"{S}:Shard:Count must be at least 1 (got {options.Shard.Count})");
        }
        else if (options.Shard.Index < 0 || options.Shard.Index >= options.Shard.Count)
        {
            failures.Add($"{S}:Shard:Index must be in 0..{options.Shard.Count - 1} (got {options.Shard.Index})");
        }

        if (!options.Demo)
        {
            ValidateSources(options, failures);
        }

        ValidateWeb(options.Web, failures);

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateWeb(WebOptions web, List<string> failures)
    {
        const string W = ExporterOptions.Section + ":Web";
        if (web.BearerTokenFile is { } token && !File.Exists(token))
        {
            failures.Add($"{W}:BearerTokenFile: file '{token}' does not exist");
        }

        if (web.BearerTokenFile is not null && web.BasicAuthUsername is not null)
        {
            failures.Add($"{W}:BearerTokenFile and {W}:BasicAuthUsername are both set; set one");
        }

        if (web.BasicAuthUsername is not null && (web.BasicAuthPasswordFile is null || !File.Exists(web.BasicAuthPasswordFile)))
        {
            failures.Add($"{W}:BasicAuthPasswordFile must name an existing file when {W}:BasicAuthUsername is set (got '{web.BasicAuthPasswordFile}')");
        }
    }

    private void ValidateSources(ExporterOptions options, List<string> failures)
    {
        var singleKey = !configuration.GetSection($"{ExporterOptions.Section}:Sources").GetChildren().Any();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Sources.Count; i++)
        {
            var source = options.Sources[i];
            var key = $"{ExporterOptions.Section}:Sources:{i}";
            if (string.IsNullOrWhiteSpace(source.Name))
            {
                failures.Add($"{key}:Name is required");
            }
            else if (!names.Add(source.Name))
            {
                failures.Add($"{key}:Name '{source.Name}' is used by another source");
            }

            if (source.ApiKey is null && source.ApiKeyFile is null)
            {
                failures.Add(singleKey
                    ? $"{ExporterOptionsSetup.ApiKeyVariable} is required (or {ExporterOptionsSetup.ApiKeyFileVariable}, or {ExporterOptions.Section}:Sources), unless --demo"
                    : $"{key}:ApiKey or {key}:ApiKeyFile is required");
            }
            else if (source.ApiKey is not null && source.ApiKeyFile is not null)
            {
                failures.Add(singleKey
                    ? $"{ExporterOptionsSetup.ApiKeyVariable} and {ExporterOptionsSetup.ApiKeyFileVariable} are both set; set one"
                    : $"{key}:ApiKey and {key}:ApiKeyFile are both set; set one");
            }
            else if (source.ApiKeyFile is not null && !File.Exists(source.ApiKeyFile))
            {
                failures.Add($"{(singleKey ? ExporterOptionsSetup.ApiKeyFileVariable : key + ":ApiKeyFile")}: file '{source.ApiKeyFile}' does not exist");
            }

            if (!Uri.TryCreate(source.BaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                failures.Add($"{(singleKey ? ExporterOptionsSetup.BaseUrlVariable : key + ":BaseUrl")} must be an absolute http(s) URL (got '{source.BaseUrl}')");
            }
        }
    }
}
