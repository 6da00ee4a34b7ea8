using BatchExporter.Deploy.Tests.Infrastructure;
using BatchExporter.Tests.Infrastructure;

namespace BatchExporter.Deploy.Tests.Image;

/// <summary>
/// SIGTERM to the published Native AOT binary at the default poll interval (one minute), between two syncs and in
/// the middle of a sync whose API call never gets an answer: exit code 0 within 5 s either way. The same tests run
/// against <c>dotnet BatchExporter.dll</c> in <c>ShutdownProcessTests</c>.
/// </summary>
public sealed partial class PublishedBinaryTests
{
    private static readonly TimeSpan StopDeadline = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task PublishedBinary_SigtermIdleBetweenSyncsAtDefaultInterval_ExitsZeroWithinFiveSeconds()
    {
        Assert.True(published.Publish.ExitCode == 0, $"scripts/publish.sh failed:\n{published.Publish.Output}");
        await using var api = LoopbackApi.Answering();
        await using var exporter = RunningExporter.Start(published.Binary, Key(api));
        await exporter.WaitReadyAsync(TimeSpan.FromSeconds(60)); // the first sync is done
        Assert.Equal(1, api.Requests); // one empty page; the next sync is a minute away

        exporter.Terminate();

        Assert.Equal(0, await ExitCodeWithinAsync(exporter, StopDeadline));
        Assert.Equal(1, api.Requests);
    }

    [Fact]
    public async Task PublishedBinary_SigtermMidSyncAgainstHungApi_ExitsZeroWithinFiveSeconds()
    {
        Assert.True(published.Publish.ExitCode == 0, $"scripts/publish.sh failed:\n{published.Publish.Output}");
        await using var api = LoopbackApi.Hanging();
        await using var exporter = RunningExporter.Start(published.Binary, Key(api));
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

    private static async Task<int> ExitCodeWithinAsync(RunningExporter exporter, TimeSpan deadline)
    {
        try
        {
            return await exporter.WaitForExitAsync(deadline);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"still running {deadline.TotalSeconds} s after SIGTERM:\n{exporter.Output}");
            throw;
        }
    }
}
