using BatchExporter.Api;
using BatchExporter.Metrics;
using BatchExporter.Sync;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace BatchExporter.Hosting;

/// <summary>Registers the metric catalogue and its exposition: the <c>/metrics</c> endpoint and, optionally, OTLP push.</summary>
internal static class ExporterMetricsRegistration
{
    public static IServiceCollection AddExporterMetrics(this IServiceCollection services, bool otlp)
    {
        services.AddMetrics();
        services.AddSingleton<SourceStatusStore>();
        services.AddSingleton<ScrapeSnapshot>();
        services.AddSingleton<CatalogueMeter>();
        services.AddSingleton<IApiObserver>(sp => sp.GetRequiredService<CatalogueMeter>());
        services.AddSingleton<ISyncObserver>(sp => sp.GetRequiredService<CatalogueMeter>());
        services.AddSingleton<IResultsObserver>(sp => sp.GetRequiredService<CatalogueMeter>());
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("anthropic-batch-exporter", serviceVersion: BuildInfo.Version))
            .WithMetrics(metrics =>
            {
                metrics
                    .AddMeter(Telemetry.MeterName)
                    .AddView(MetricCatalogue.HistogramView)
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

    /// <summary>Serves <c>/metrics</c>: the OpenTelemetry exposition behind <see cref="ScrapeMiddleware"/>.</summary>
    public static IApplicationBuilder UseMetricsEndpoint(this IApplicationBuilder app) =>
        app.UseOpenTelemetryPrometheusScrapingEndpoint(
            meterProvider: null,
            predicate: context => context.Request.Path == "/metrics",
            path: null,
            configureBranchedPipeline: branch => branch.UseMiddleware<ScrapeMiddleware>(),
            optionsName: null);
}
