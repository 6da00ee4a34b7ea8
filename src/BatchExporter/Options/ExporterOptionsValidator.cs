using Microsoft.Extensions.Options;

namespace BatchExporter.Options;

/// <summary>
/// Checks the rules that span fields; <see cref="ExporterOptionsFieldValidator"/> checks each field on its own. Each
/// failure names the configuration key and the offending value (never an API key), so the process can stop with one
/// clear line.
/// </summary>
internal sealed class ExporterOptionsValidator(IConfiguration configuration) : IValidateOptions<ExporterOptions>
{
    public ValidateOptionsResult Validate(string? name, ExporterOptions options)
    {
        var failures = new List<string>();
        const string S = ExporterOptions.Section;

        if (options.FullResyncInterval < options.PollInterval)
        {
            failures.Add($"{S}:FullResyncInterval must be at least {S}:PollInterval (got {DurationFormat.Format(options.FullResyncInterval)})");
        }

        if (options.Shard.Index >= options.Shard.Count)
        {
            failures.Add($"{S}:Shard:Index must be in 0..{options.Shard.Count - 1} (got {options.Shard.Index})");
        }

        ValidateSources(options, failures);
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
            if (!string.IsNullOrWhiteSpace(source.Name) && !names.Add(source.Name))
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
