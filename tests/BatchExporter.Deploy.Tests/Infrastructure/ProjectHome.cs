namespace BatchExporter.Deploy.Tests.Infrastructure;

/// <summary>The project's one canonical home: repository, image and chart repository. Every file names these.</summary>
internal static class ProjectHome
{
    public const string Owner = "anthropic-batch-exporter";

    public const string Repository = "https://github.com/anthropic-batch-exporter/anthropic-batch-exporter";

    public const string Image = "ghcr.io/anthropic-batch-exporter/anthropic-batch-exporter";

    public const string ChartRepository = "oci://ghcr.io/anthropic-batch-exporter/charts";
}
