namespace BatchExporter.Dashboards.Tests.Infrastructure;

/// <summary>
/// The external programs the tests run for real. A missing one fails the test (scripts/install-test-tools.sh
/// installs them): a dashboard or rule that was never checked must not pass as skipped.
/// </summary>
internal static class Tools
{
    public static string Promtool => Find("promtool");

    public static string Prometheus => Find("prometheus");

    /// <summary>Gets Alertmanager (Debian package prometheus-alertmanager).</summary>
    public static string Alertmanager => Find("prometheus-alertmanager");

    public static string Amtool => Find("amtool");

    /// <summary>Gets the dotnet host that runs this test (set by the SDK), else dotnet on PATH.</summary>
    public static string Dotnet =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : Find("dotnet");

    /// <summary>Runs a tool to completion (at most <paramref name="timeout"/>) and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string tool, IEnumerable<string> args, string workingDirectory, TimeSpan timeout)
    {
        await using var process = ChildProcess.Start("tool", tool, args, workingDirectory);
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            var exitCode = await process.WaitForExitAsync(cts.Token);
            return (exitCode, process.Output);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"{Path.GetFileName(tool)} {string.Join(' ', args)} did not finish within {timeout}:\n{process.Output}");
            throw;
        }
    }

    private static string Find(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        Assert.Fail($"{name} is not on PATH. Install it with scripts/install-test-tools.sh (Debian packages prometheus, prometheus-alertmanager).");
        return name;
    }
}
