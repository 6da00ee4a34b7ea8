using System.Diagnostics;

namespace BatchExporter.Tests.Infrastructure;

/// <summary>The exporter as users run it: <c>dotnet BatchExporter.dll</c> in its own process, killed on dispose.</summary>
internal sealed class ExporterProcess : IExporterUnderTest
{
    private readonly ChildProcess _process;

    private ExporterProcess(ChildProcess process, int port)
    {
        _process = process;
        Port = port;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
    }

    public int Port { get; }

    public HttpClient Http { get; }

    public string StandardOutput => _process.StandardOutput;

    public string StandardError => _process.StandardError;

    public string Output => _process.StandardOutput + _process.StandardError;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts the exporter with <paramref name="args"/> (plus <c>--urls</c> on a free loopback port) and only the given <c>ANTHROPIC_*</c>/<c>Exporter__*</c> variables.</summary>
    public static ExporterProcess Start(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, int? port = null)
    {
        var listenPort = port ?? LoopbackPort.Free();
        var start = new ProcessStartInfo(Tool.Dotnet) { WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "BatchExporter.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{listenPort}");
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("ANTHROPIC_", StringComparison.Ordinal) || k.StartsWith("Exporter__", StringComparison.Ordinal) || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return new ExporterProcess(ChildProcess.Start("exporter", start), listenPort);
    }

    /// <summary>Waits for the process to exit by itself; fails after <paramref name="timeout"/>.</summary>
    public Task<int> WaitForExitAsync(TimeSpan timeout) => _process.WaitForExitAsync(timeout);

    /// <summary>Polls <paramref name="path"/> until it answers 200, or fails after <paramref name="timeout"/>.</summary>
    public async Task WaitForOkAsync(string path, TimeSpan timeout)
    {
        if (!await Eventually.TrueAsync(() => Eventually.IsOkAsync(Http, path), timeout, process: _process))
        {
            throw _process.HasExited
                ? new InvalidOperationException($"exporter exited with {_process.ExitCode}: {StandardError}")
                : new TimeoutException($"{path} not OK after {timeout}; stderr: {StandardError}");
        }
    }

    /// <summary>Sends SIGTERM, as Kubernetes and docker stop do.</summary>
    public void Terminate() => _process.Terminate();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _process.DisposeAsync();
    }
}
