using BatchExporter.Api;
using BatchExporter.Metrics;
using BatchExporter.Options;
using BatchExporter.Sync;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace BatchExporter.Hosting;

/// <summary>Registers the exporter: options, API client, sync, metrics.</summary>
internal static class ExporterServiceCollectionExtensions
{
    /// <summary>The standard variables that turn the optional OTLP push on.</summary>
    private static readonly string[] OtlpEndpointVariables = ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"];

    public static IServiceCollection AddBatchExporter(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptionsWithValidateOnStart<ExporterOptions>()
            .BindConfiguration(ExporterOptions.Section, binder => binder.ErrorOnUnknownConfiguration = true);
        services.AddSingleton<IPostConfigureOptions<ExporterOptions>, ExporterOptionsSetup>();
        services.AddSingleton<IValidateOptions<ExporterOptions>, ExporterOptionsValidator>();

        services.AddSingleton<ApiRequestCounter>();
        services.AddTransient<ApiAttemptHandler>();
        services.AddHttpClient<BatchApiClient>(http => http.Timeout = Timeout.InfiniteTimeSpan)
            // A redirect would carry x-api-key to wherever it points: the API does not redirect, so none is followed.
            .ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { AllowAutoRedirect = false })
            .RedactLoggedHeaders(_ => true)
            .AddStandardResilienceHandler(ConfigureResilience);
        services.AddHttpClient<BatchApiClient>().AddHttpMessageHandler<ApiAttemptHandler>();

        services.AddSingleton<BatchLister>();
        services.AddSingleton<SourceStatusStore>();
        services.AddSingleton<OutcomeMetrics>();
        services.AddSingleton<ISyncObserver>(sp => sp.GetRequiredService<OutcomeMetrics>());
        services.AddSingleton<StateMetrics>();
        services.AddSingleton<ResultMetrics>();
        services.AddSingleton<IResultsObserver>(sp => sp.GetRequiredService<ResultMetrics>());
        services.AddSingleton<ISyncObserver>(sp => sp.GetRequiredService<ResultMetrics>());
        services.AddSingleton<SyncScheduler>();
        services.AddHostedService(sp =>
        {
            sp.GetRequiredService<StateMetrics>(); // registers the observable gauges before the first scrape
            return sp.GetRequiredService<SyncScheduler>();
        });

        var otlp = OtlpEndpointVariables.Any(v => !string.IsNullOrEmpty(configuration[v]));
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("anthropic-batch-exporter", serviceVersion: StateMetrics.BuildVersion))
            .WithMetrics(metrics =>
            {
                metrics
                    .AddMeter(Telemetry.MeterName)
                    .AddView(OutcomeMetrics.BatchDurationName, new ExplicitBucketHistogramConfiguration { Boundaries = OutcomeMetrics.BatchDurationBuckets })
                    .AddView(OutcomeMetrics.SyncDurationName, new ExplicitBucketHistogramConfiguration { Boundaries = OutcomeMetrics.SyncDurationBuckets })
                    .AddPrometheusExporter(prometheus =>
                    {
                        prometheus.ScopeInfoEnabled = false;
                        prometheus.TargetInfoEnabled = false;
                        prometheus.ScrapeResponseCacheDurationMilliseconds = 0; // a batch that ended is gone at the next scrape
                    });
                if (otlp)
                {
                    // Optional push of the same instruments to an OpenTelemetry Collector, configured by the standard
                    // OTEL_EXPORTER_OTLP_* and OTEL_METRIC_EXPORT_INTERVAL variables. Per-batch series are Prometheus-only.
                    metrics.AddOtlpExporter();
                }
            });
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
