using BatchExporter.Tests.Infrastructure;

namespace BatchExporter.Tests.Hosting;

/// <summary>
/// SIGTERM, as Kubernetes and <c>docker stop</c> send it, to <c>dotnet BatchExporter.dll</c> at the default poll
/// interval (one minute, not <c>--demo</c>'s 5 s): between two syncs, and in the middle of a sync whose API call
/// never gets an answer. Either way the process exits 0 within 5 s, far inside the minute a deaf wait would take
/// and the 30 s a hung request takes to time out. The same tests run against the Native AOT binary in the deploy tests.
/// </summary>
[Trait("Category", "Process")]
public sealed class ShutdownProcessTests
{
    private static readonly TimeSpan StopDeadline = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Sigterm_IdleBetweenSyncsAtDefaultInterval_ExitsZeroWithinFiveSeconds()
    {
        await using var api = LoopbackApi.Answering();
        await using var exporter = ExporterProcess.Start([], Key(api));
        await exporter.WaitForOkAsync("/readyz", TimeSpan.FromSeconds(60)); // the first sync is done
        Assert.Equal(1, api.Requests); // one empty page; the next sync is a minute away

        exporter.Terminate();

        Assert.Equal(0, await ExitCodeWithinAsync(exporter, StopDeadline));
        Assert.Equal(1, api.Requests);
    }

    [Fact]
    public async Task Sigterm_MidSyncAgainstHungApi_ExitsZeroWithinFiveSeconds()
    {
        await using var api = LoopbackApi.Hanging();
        await using var exporter = ExporterProcess.Start([], Key(api));
        await exporter.WaitForOkAsync("/healthz", TimeSpan.FromSeconds(60));
        await api.WaitForRequestsAsync(1, TimeSpan.FromSeconds(60)); // the first sync's list call, never answered

        exporter.Terminate();

        Assert.Equal(0, await ExitCodeWithinAsync(exporter, StopDeadline));
        Assert.Equal(1, api.Requests);
    }

    private static Dictionary<string, string> Key(LoopbackApi api) => new()
    {
        ["ANTHROPIC_API_KEY"] = "sk-ant-test-shutdown",
        ["ANTHROPIC_BASE_URL"] = api.BaseUrl,
    };

    private static async Task<int> ExitCodeWithinAsync(ExporterProcess exporter, TimeSpan deadline)
    {
        try
        {
            return await exporter.WaitForExitAsync(deadline);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"still running {deadline.TotalSeconds} s after SIGTERM; stdout:\n{exporter.StandardOutput}\nstderr:\n{exporter.StandardError}");
            throw;
        }
    }
}
