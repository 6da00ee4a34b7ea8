using BatchExporter.Tests.Infrastructure;

namespace BatchExporter.Tests.Hosting;

/// <summary><c>--demo</c> as a user runs it: no key, live batches on /metrics within seconds, clean stop on SIGTERM.</summary>
[Trait("Category", "Process")]
public sealed class DemoProcessTests
{
    [Fact]
    public async Task Demo_NoKey_ServesLiveBatchesAndStopsCleanlyOnSigterm()
    {
        await using var exporter = ExporterProcess.Start(["--demo"]);
        await exporter.WaitForOkAsync("/synced", TimeSpan.FromSeconds(60));

        var metrics = Exposition.Parse(await exporter.Http.GetStringAsync("/metrics"));
        Assert.Equal(1, metrics.Value("anthropic_up", ("workspace", "default")));
        Assert.True(metrics.Value("anthropic_batches", ("processing_status", "in_progress")) >= 1);
        Assert.True(metrics.Value("anthropic_batches", ("processing_status", "ended")) >= 1000);
        Assert.NotEmpty(metrics.Named("anthropic_batch_status"));
        Assert.InRange(metrics.Value("anthropic_batches_expiring", ("within", "1h")), 3, 4); // created a day ago, reaching expires_at
        Assert.NotEmpty(metrics.Named("anthropic_batch_result_errors_total")); // results insight is on in the demo
        Assert.Contains("default", await exporter.Http.GetStringAsync("/"), StringComparison.Ordinal);

        exporter.Terminate();
        var exitCode = await exporter.WaitForExitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public async Task ListenAddressTaken_ExitsWithCode3AndSaysSo()
    {
        using var occupied = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        occupied.Start();
        var port = ((System.Net.IPEndPoint)occupied.LocalEndpoint).Port;

        await using var exporter = ExporterProcess.Start(["--demo"], port: port);
        var exitCode = await exporter.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(3, exitCode);
        Assert.Contains("cannot listen", exporter.StandardError.Trim().Split('\n')[^1], StringComparison.Ordinal);
    }
}
