using System.Diagnostics.Metrics;

namespace BatchExporter.Api;

/// <summary><c>anthropic_batch_exporter_api_requests_total</c>: every HTTP attempt, by endpoint and outcome.</summary>
internal sealed class ApiRequestCounter
{
    private readonly Counter<long> _requests;

    public ApiRequestCounter(IMeterFactory meters)
    {
        _requests = meters.Create(Telemetry.MeterName).CreateCounter<long>(
            "anthropic_batch_exporter_api_requests",
            description: "HTTP attempts made to the Anthropic API, retries included, by endpoint and HTTP status (or network/timeout).");
    }

    public void Add(string workspace, string endpoint, string code) =>
        _requests.Add(1, new(Telemetry.WorkspaceLabel, workspace), new("endpoint", endpoint), new("code", code));
}
