namespace BatchExporter.Tests.Infrastructure;

/// <summary>Runs the real <c>promtool</c> (Debian package <c>prometheus</c>, installed by scripts/install-test-tools.sh).</summary>
internal static class PromTool
{
    /// <summary>
    /// The one lint finding the contract accepts: DESIGN.md names the per-batch request count
    /// <c>anthropic_batch_request_count</c>, which promtool's naming lint reserves for histograms and summaries.
    /// </summary>
    public const string AcceptedLint = "anthropic_batch_request_count non-histogram and non-summary metrics should not have \"_count\" suffix";

    /// <summary>Runs <c>check metrics</c> and returns the findings other than <see cref="AcceptedLint"/> (empty when the exposition is clean).</summary>
    public static async Task<string[]> MetricsProblemsAsync(string exposition)
    {
        var (exitCode, output) = await CheckMetricsAsync(exposition);
        var problems = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => l != AcceptedLint).ToArray();
        return exitCode is 0 or 3 ? problems : [$"exit code {exitCode}", .. problems]; // 3: lint findings only
    }

    private static async Task<(int ExitCode, string Output)> CheckMetricsAsync(string exposition)
    {
        var result = await Tool.RunAsync(Tool.OnPath("promtool"), ["check", "metrics"], standardInput: exposition, timeout: TimeSpan.FromSeconds(30));
        return (result.ExitCode, result.Output);
    }
}
