using System.Diagnostics;

namespace BatchExporter.Deploy.Tests.Infrastructure;

/// <summary>
/// Publishes the exporter as the image build does: the Docker build context (by .dockerignore) is copied to a
/// temporary folder, and the Dockerfile's publish step, <c>scripts/publish.sh /app</c>, runs there with the output
/// folder moved under the temporary folder. Shared by the tests of one class; deleted on dispose.
/// </summary>
public sealed class PublishedExporter : IAsyncLifetime
{
    /// <summary>The git revision passed as the image build does (build arg REVISION, a variable of publish.sh).</summary>
    public const string Revision = "0123456789abcdef0123456789abcdef01234567";

    private readonly string _root = Directory.CreateTempSubdirectory("abe-publish-").FullName;

    public string ContextDir => Path.Combine(_root, "context");

    public string OutputDir => Path.Combine(_root, "app");

    public string Binary => Path.Combine(OutputDir, "BatchExporter");

    public IReadOnlyList<string> ContextFiles { get; private set; } = [];

    public ToolResult Publish { get; private set; } = new(-1, string.Empty, "not run");

    public TimeSpan PublishTime { get; private set; }

    public async Task InitializeAsync()
    {
        ContextFiles = DockerContext.FromRepository().CopyTo(Repo.Root, ContextDir);
        Tool.OnPath("clang");
        var watch = Stopwatch.StartNew();
        // nice: the native compile takes both cores for a minute; let the other test projects keep theirs.
        Publish = await Tool.RunAsync(
            "nice",
            [Path.Combine(ContextDir, "scripts", "publish.sh"), OutputDir],
            timeout: TimeSpan.FromMinutes(20),
            workingDirectory: ContextDir,
            environment: new Dictionary<string, string?> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1", ["REVISION"] = Revision });
        PublishTime = watch.Elapsed;
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }

        return Task.CompletedTask;
    }
}

/// <summary>The published binary running as in the image (same variables, its folder as working directory), killed on dispose.</summary>
internal sealed class RunningExporter : IExporterUnderTest
{
    private readonly ChildProcess _process;

    private RunningExporter(ChildProcess process, int port)
    {
        _process = process;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
    }

    public HttpClient Http { get; }

    public int ProcessId => _process.Id;

    public string Output => _process.StandardOutput + _process.StandardError;

    /// <summary>Starts <paramref name="binary"/> with <paramref name="args"/> on a free loopback port.</summary>
    public static RunningExporter Start(string binary, params string[] args) =>
        StartWith(binary, new Dictionary<string, string>(), args);

    /// <summary>Same as <see cref="StartWith"/>.</summary>
    public static RunningExporter Start(string binary, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        StartWith(binary, environment, args);

    /// <summary>Starts <paramref name="binary"/> with <paramref name="args"/> and extra environment variables on a free loopback port.</summary>
    public static RunningExporter StartWith(string binary, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var port = LoopbackPort.Free();
        var start = new ProcessStartInfo(binary) { WorkingDirectory = Path.GetDirectoryName(binary)! };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("ANTHROPIC_", StringComparison.Ordinal) || k.StartsWith("Exporter__", StringComparison.Ordinal) || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.StartsWith("DOTNET_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        // As the image sets them (Dockerfile ENV), with the loopback port of this test instead of +:9464.
        start.Environment["ASPNETCORE_HTTP_PORTS"] = string.Empty;
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return new RunningExporter(ChildProcess.Start("exporter", start), port);
    }

    /// <summary>Waits until /synced answers 200 (the first sync attempt is done); fails with the process output if it exits or times out first.</summary>
    public Task WaitReadyAsync(TimeSpan timeout) => WaitForOkAsync("/synced", timeout);

    /// <summary>Polls <paramref name="path"/> until it answers 200; fails with the process output if it exits or times out first.</summary>
    public async Task WaitForOkAsync(string path, TimeSpan timeout)
    {
        if (!await Eventually.TrueAsync(() => Eventually.IsOkAsync(Http, path), timeout, process: _process))
        {
            throw _process.HasExited
                ? new InvalidOperationException($"exporter exited with {_process.ExitCode} before {path} answered 200:\n{Output}")
                : new TimeoutException($"{path} not 200 within {timeout}:\n{Output}");
        }
    }

    /// <summary>Waits for the process to exit by itself and returns its exit code.</summary>
    public Task<int> WaitForExitAsync(TimeSpan timeout) => _process.WaitForExitAsync(timeout);

    /// <summary>Sends SIGTERM, as Kubernetes and docker stop do.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>Gets the resident set size of the process (VmRSS), in bytes.</summary>
    public long ResidentBytes()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _process.DisposeAsync();
    }
}
