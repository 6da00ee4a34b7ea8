namespace BatchExporter.Tests.Infrastructure;

/// <summary>Runs the real <c>promtool</c> (Debian package <c>prometheus</c>, installed by scripts/install-test-tools.sh).</summary>
internal static class PromTool
{
    public static async Task<(int ExitCode, string Output)> CheckMetricsAsync(string exposition)
    {
        var result = await Tool.RunAsync(Tool.OnPath("promtool"), ["check", "metrics"], standardInput: exposition, timeout: TimeSpan.FromSeconds(30));
        return (result.ExitCode, result.Output);
    }
}
