using BatchExporter.Metrics;
using BatchExporter.Options;

namespace BatchExporter.Tests.Metrics;

/// <summary>
/// The exposed name of a catalogue entry, which the per-batch writer prints itself (the OpenTelemetry exporter adds the
/// same suffixes to the other families; the golden tests compare both).
/// </summary>
public sealed class MetricFamilyTests
{
    [Theory]
    [InlineData("anthropic_batch_exporter_api_response", "anthropic_batch_exporter_api_response_bytes_total")] // counter in bytes
    [InlineData("anthropic_batch_exporter_sync_duration", "anthropic_batch_exporter_sync_duration_seconds")] // histogram in seconds
    [InlineData("anthropic_batch_exporter_api_requests", "anthropic_batch_exporter_api_requests_total")] // counter without a unit
    [InlineData("anthropic_batches", "anthropic_batches")] // gauge without a unit
    [InlineData("process_resident_memory", "process_resident_memory_bytes")] // gauge in bytes
    public void ExposedName_UnitSuffixThenTotalForACounter(string name, string exposed)
    {
        var family = MetricCatalogue.Build(new ExporterOptions()).Single(f => f.Name == name);

        Assert.Equal(exposed, family.ExposedName);
    }
}
