using BatchExporter.Api;
using BatchExporter.Metrics;
using BatchExporter.Options;
using BatchExporter.Sync;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace BatchExporter.Hosting;

/// <summary>Registers the exporter: options, API client, sync, metrics.</summary>
internal static class ExporterServiceCollectionExtensions
{
    /// <summary>The standard variables that turn the optional OTLP push on.</summary>
    private static readonly string[] OtlpEndpointVariables = ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"];

    public static IServiceCollection AddBatchExporter(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        // Bound and validated once, by the host (ValidateOnStart): the binder rejects unknown keys and values it cannot
        // convert, then the field rules (attributes, source-generated) and the cross-field rules run.
        services.AddOptionsWithValidateOnStart<ExporterOptions>()
            .Configure<IConfiguration>((options, config) =>
                DurationConfigurationSection.Of(config).Bind(options, binder => binder.ErrorOnUnknownConfiguration = true));
        services.AddSingleton<IPostConfigureOptions<ExporterOptions>, ExporterOptionsSetup>();
        services.AddSingleton<IValidateOptions<ExporterOptions>, ExporterOptionsFieldValidator>();
        services.AddSingleton<IValidateOptions<ExporterOptions>, ExporterOptionsValidator>();

        services.AddTransient<ApiAttemptHandler>();
        services.AddHttpClient<BatchApiClient>(http => http.Timeout = Timeout.InfiniteTimeSpan)
            // A redirect would carry x-api-key to wherever it points: the API does not redirect, so none is followed.
            .ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { AllowAutoRedirect = false })
            .RedactLoggedHeaders(_ => true)
            .AddStandardResilienceHandler(ConfigureResilience);
        services.AddHttpClient<BatchApiClient>().AddHttpMessageHandler<ApiAttemptHandler>();

        services.AddSingleton<BatchLister>();
        services.AddSingleton<SyncScheduler>();
        services.AddHostedService(sp =>
        {
            sp.GetRequiredService<CatalogueMeter>(); // registers the instruments before the first scrape
            return sp.GetRequiredService<SyncScheduler>();
        });

        services.AddExporterMetrics(otlp: OtlpEndpointVariables.Any(v => !string.IsNullOrEmpty(configuration[v])));
        return services;
    }

    /// <summary>
    /// The only retry layer. Retries 429 (after its <c>retry-after</c>), 5xx, 529, timeouts and network errors a
    /// few times with jittered backoff; each attempt passes through the budget in <see cref="ApiAttemptHandler"/>.
    /// </summary>
    private static void ConfigureResilience(Microsoft.Extensions.Http.Resilience.HttpStandardResilienceOptions options)
    {
        options.Retry.MaxRetryAttempts = 2;
        options.Retry.Delay = TimeSpan.FromSeconds(1);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(30);
        options.AttemptTimeout.Timeout = TimeSpan.FromSeconds(30);
        options.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(60);
        options.TotalRequestTimeout.Timeout = TimeSpan.FromMinutes(2);
    }
}
