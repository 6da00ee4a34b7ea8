using System.Reflection;
using BatchExporter.Hosting;
using BatchExporter.Options;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BatchExporter.Tests.Options;

/// <summary>The one options path as the host runs it: the exporter's own registration binds and validates.</summary>
public sealed class ExporterOptionsBindingTests
{
    [Fact]
    public void Bind_DurationsInPrometheusForm_SameAsTimeSpanForm()
    {
        var prometheus = Bind(new()
        {
            ["Exporter:PollInterval"] = "30s",
            ["Exporter:Lookback"] = "7d",
            ["Exporter:FullResyncInterval"] = "1h30m",
            ["Exporter:ExpiringWithin:0"] = "90m",
            ["Exporter:ExpiringWithin:1"] = "24h",
        });
        var timeSpan = Bind(new()
        {
            ["Exporter:PollInterval"] = "00:00:30",
            ["Exporter:Lookback"] = "7.00:00:00",
            ["Exporter:FullResyncInterval"] = "01:30:00",
            ["Exporter:ExpiringWithin:0"] = "01:30:00",
            ["Exporter:ExpiringWithin:1"] = "1.00:00:00",
        });

        foreach (var options in new[] { prometheus, timeSpan })
        {
            Assert.Equal(TimeSpan.FromSeconds(30), options.PollInterval);
            Assert.Equal(TimeSpan.FromDays(7), options.Lookback);
            Assert.Equal(TimeSpan.FromMinutes(90), options.FullResyncInterval);
            Assert.Equal([TimeSpan.FromMinutes(90), TimeSpan.FromHours(24)], options.ExpiringWithin);
        }
    }

    [Fact]
    public void Bind_DurationLikeTextOutsideDurationKeys_PassesThrough()
    {
        var options = Bind(new()
        {
            ["Exporter:Sources:0:Name"] = "5m",
            ["Exporter:Sources:0:ApiKey"] = "1h",
        });

        Assert.Equal("5m", options.Sources[0].Name);
        Assert.Equal("1h", options.Sources[0].ApiKey);
    }

    [Theory]
    [InlineData("Exporter:PollInterval", "5 minutes", "Exporter:PollInterval must be a duration")]
    [InlineData("Exporter:ExpiringWithin:0", "1x", "Exporter:ExpiringWithin:0 must be a duration")]
    [InlineData("Exporter:PollInterval", "4s", "Exporter:PollInterval must be at least 5s (got 4s)")]
    [InlineData("Exporter:ExpiringWithin:0", "25h", "Exporter:ExpiringWithin:0 must be between 1s and 24h (got 1d1h)")]
    [InlineData("Exporter:FullResyncInterval", "30s", "Exporter:FullResyncInterval must be at least Exporter:PollInterval (got 30s)")]
    [InlineData("Exporter:MaxRequestsPerMinute", "0", "Exporter:MaxRequestsPerMinute must be between 1 and 100000 (got 0)")]
    [InlineData("Exporter:Shard:Count", "0", "Exporter:Shard:Count must be at least 1 (got 0)")]
    [InlineData("Exporter:Sources:0:Name", " ", "Exporter:Sources:0:Name is required")]
    [InlineData("Exporter:Demo", "true", "'Demo'")]
    public void Validate_InvalidValue_FailsNamingTheKey(string key, string value, string expected)
    {
        var exception = Assert.ThrowsAny<Exception>(() => Bind(new() { [key] = value }));

        var message = exception is OptionsValidationException validation ? validation.Failures.First() : exception.Message;
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Fact]
    public void DurationKeys_ListEveryTimeSpanOption()
    {
        var durations = typeof(ExporterOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.PropertyType == typeof(TimeSpan) || p.PropertyType == typeof(IList<TimeSpan>))
            .Select(p => p.Name);

        Assert.Equal(durations.Order(), ExporterOptions.DurationKeys.Order());
        var nested = new[] { typeof(SourceOptions), typeof(ShardOptions), typeof(ResultsOptions), typeof(WebOptions) }
            .SelectMany(t => t.GetProperties())
            .Where(p => p.PropertyType == typeof(TimeSpan));
        Assert.Empty(nested);
    }

    /// <summary>Binds and validates <paramref name="settings"/> (plus a key, so the single-key source is valid) through <see cref="ExporterServiceCollectionExtensions.AddBatchExporter"/>.</summary>
    private static ExporterOptions Bind(Dictionary<string, string?> settings)
    {
        if (!settings.Keys.Any(k => k.StartsWith("Exporter:Sources", StringComparison.Ordinal)))
        {
            settings["ANTHROPIC_API_KEY"] = "sk-test";
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        services.AddBatchExporter(configuration);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<ExporterOptions>>().Value;
    }
}
