using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BatchExporter.Deploy.Tests.Infrastructure;

/// <summary>
/// Publishes the exporter as the image build does: the Docker build context (by .dockerignore) is copied to a
/// temporary folder, and the Dockerfile's publish step, <c>scripts/publish.sh /app</c>, runs there with the output
/// folder moved under the temporary folder. Shared by the tests of one class; deleted on dispose.
/// </summary>
public sealed class PublishedExporter : IAsyncLifetime
{
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
        Tool.RequireOnPath("clang");
        var watch = Stopwatch.StartNew();
        // nice: the native compile takes both cores for a minute; let the other test projects keep theirs.
        Publish = await Tool.RunAsync(
            "nice",
            [Path.Combine(ContextDir, "scripts", "publish.sh"), OutputDir],
            timeout: TimeSpan.FromMinutes(20),
            workingDirectory: ContextDir,
            environment: new Dictionary<string, string?> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" });
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
internal sealed class RunningExporter : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private RunningExporter(Process process, int port)
    {
        _process = process;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
    }

    public HttpClient Http { get; }

    public int ProcessId => _process.Id;

    public string Output { get { lock (_output) { return _output.ToString(); } } }

    /// <summary>Starts <paramref name="binary"/> with <paramref name="args"/> on a free loopback port.</summary>
    public static RunningExporter Start(string binary, params string[] args) => Start(binary, new Dictionary<string, string>(), args);

    /// <summary>Starts <paramref name="binary"/> with <paramref name="args"/> and the given <c>ANTHROPIC_*</c>/<c>Exporter__*</c> variables on a free loopback port.</summary>
    public static RunningExporter Start(string binary, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var port = FreeLoopbackPort();
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(binary)!,
        };
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

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{binary} did not start");
        var running = new RunningExporter(process, port);
        process.OutputDataReceived += (_, e) => running.Append(e.Data);
        process.ErrorDataReceived += (_, e) => running.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return running;
    }

    /// <summary>Waits until /readyz answers 200; fails with the process output if it exits or times out first.</summary>
    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"exporter exited with {_process.ExitCode} before ready:\n{Output}");
            }

            try
            {
                using var response = await Http.GetAsync(new Uri("/readyz", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"/readyz not 200 within {timeout}:\n{Output}");
    }

    /// <summary>Waits for the process to exit by itself and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        _process.WaitForExit(); // drains the redirected output
        return _process.ExitCode;
    }

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
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(cts.Token);
        }

        _process.Dispose();
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
