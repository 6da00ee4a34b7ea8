using System.Diagnostics;
using System.Text;

namespace BatchExporter.Testing;

/// <summary>The result of a finished tool run.</summary>
public sealed record ToolResult(int ExitCode, string StandardOutput, string StandardError)
{
    public string Output => StandardOutput + StandardError;
}

/// <summary>
/// The external programs the tests run for real, and a runner that waits for one to finish. A missing tool is a
/// test failure that says how to install it, never a skip. Each test project adds the tools it needs (partial).
/// </summary>
internal static partial class Tool
{
    public const string InstallHint = "run scripts/install-test-tools.sh";

    /// <summary>Gets the dotnet host that runs this test (set by the SDK), else dotnet on PATH.</summary>
    public static string Dotnet =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : OnPath("dotnet");

    /// <summary>Gets <paramref name="path"/> when that file exists; else fails with the install hint.</summary>
    public static string Require(string path) =>
        File.Exists(path) ? path : throw new InvalidOperationException($"missing tool {path}: {InstallHint}");

    /// <summary>Gets the full path of <paramref name="name"/> on PATH; else fails with the install hint.</summary>
    public static string OnPath(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"missing tool {name} on PATH: {InstallHint}");
    }

    /// <summary>
    /// Runs <paramref name="fileName"/> to completion (at most <paramref name="timeout"/>, default one minute; on
    /// timeout its whole process tree is killed) with <paramref name="standardInput"/> as its input.
    /// </summary>
    public static async Task<ToolResult> RunAsync(
        string fileName,
        IEnumerable<string> args,
        string? standardInput = null,
        TimeSpan? timeout = null,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? RepositoryRoot.Path,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput);
        }

        process.StandardInput.Close();
        var limit = timeout ?? TimeSpan.FromMinutes(1);
        using var cts = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', start.ArgumentList)} did not finish in {limit}");
        }

        return new ToolResult(process.ExitCode, await stdout, await stderr);
    }
}
