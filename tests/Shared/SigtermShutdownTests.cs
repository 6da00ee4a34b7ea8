namespace BatchExporter.Testing;

/// <summary>An exporter process a test started: the <c>dotnet</c> build or the published Native AOT binary.</summary>
internal interface IExporterUnderTest : IAsyncDisposable
{
    /// <summary>Gets what the process wrote so far (standard output and error).</summary>
    string Output { get; }

    /// <summary>Polls <paramref name="path"/> until it answers 200; fails after <paramref name="timeout"/> or when the process exits.</summary>
    Task WaitForOkAsync(string path, TimeSpan timeout);

    /// <summary>Sends SIGTERM, as Kubernetes and <c>docker stop</c> do.</summary>
    void Terminate();

    /// <summary>Waits for the process to exit by itself and returns its exit code; throws <see cref="OperationCanceledException"/> after <paramref name="timeout"/>.</summary>
    Task<int> WaitForExitAsync(TimeSpan timeout);
}

/// <summary>
/// SIGTERM at the default poll interval (one minute, not <c>--demo</c>'s 5 s): between two syncs, and in the middle of
/// a sync whose API call never gets an answer. Either way the process exits 0 within 5 s, far inside the minute a deaf
/// wait would take and the 30 s a hung request takes to time out. One scenario, run against each way the exporter
/// ships: <c>ShutdownProcessTests</c> (<c>dotnet BatchExporter.dll</c>) and <c>PublishedBinaryTests</c> (Native AOT).
/// </summary>
public abstract class SigtermShutdownTests
{
    private static readonly TimeSpan StopDeadline = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Sigterm_IdleBetweenSyncsAtDefaultInterval_ExitsZeroWithinFiveSeconds()
    {
        await using var api = LoopbackApi.Answering();
        await using var exporter = Start(Environment(api));
        await exporter.WaitForOkAsync("/synced", TimeSpan.FromSeconds(60)); // the first sync is done
        Assert.Equal(1, api.Requests); // one empty page; the next sync is a minute away

        exporter.Terminate();

        Assert.Equal(0, await ExitCodeWithinAsync(exporter, StopDeadline));
        Assert.Equal(1, api.Requests);
    }

    [Fact]
    public async Task Sigterm_MidSyncAgainstHungApi_ExitsZeroWithinFiveSeconds()
    {
        await using var api = LoopbackApi.Hanging();
        await using var exporter = Start(Environment(api));
        await exporter.WaitForOkAsync("/healthz", TimeSpan.FromSeconds(60));
        await api.WaitForRequestsAsync(1, TimeSpan.FromSeconds(60)); // the first sync's list call, never answered

        exporter.Terminate();

        Assert.Equal(0, await ExitCodeWithinAsync(exporter, StopDeadline));
        Assert.Equal(1, api.Requests);
    }

    /// <summary>Starts the exporter with exactly these <c>ANTHROPIC_*</c> variables, at its default configuration otherwise.</summary>
    private protected abstract IExporterUnderTest Start(IReadOnlyDictionary<string, string> environment);

    private static Dictionary<string, string> Environment(LoopbackApi api) => new()
    {
        ["ANTHROPIC_API_KEY"] = "sk-ant-test-shutdown",
        ["ANTHROPIC_BASE_URL"] = api.BaseUrl,
    };

    private static async Task<int> ExitCodeWithinAsync(IExporterUnderTest exporter, TimeSpan deadline)
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
