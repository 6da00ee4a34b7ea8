namespace BatchExporter;

/// <summary>Names shared by every part that reports telemetry.</summary>
internal static class Telemetry
{
    /// <summary>The one <see cref="System.Diagnostics.Metrics.Meter"/> all metric families live on.</summary>
    public const string MeterName = "AnthropicBatchExporter";

    /// <summary>The label every series carries: the configured source name.</summary>
    public const string WorkspaceLabel = "workspace";
}
