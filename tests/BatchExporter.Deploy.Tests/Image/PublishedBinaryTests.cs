using System.Text.RegularExpressions;
using BatchExporter.Deploy.Tests.Infrastructure;

namespace BatchExporter.Deploy.Tests.Image;

/// <summary>
/// There is no Docker engine here, so the image's contents are checked instead: the build context by .dockerignore,
/// the Dockerfile's publish script run in it, and the published binary started with <c>--demo</c> and scraped.
/// </summary>
public sealed partial class PublishedBinaryTests(PublishedExporter published, ITestOutputHelper output) : IClassFixture<PublishedExporter>
{
    [Fact]
    public void Publish_ScriptOfTheDockerfile_SucceedsWithoutTrimOrAotWarnings()
    {
        Assert.True(published.Publish.ExitCode == 0, $"scripts/publish.sh failed:\n{published.Publish.Output}");
        Assert.Empty(CompilerWarning().Matches(published.Publish.Output).Select(m => m.Value).Distinct());
        Assert.True(File.Exists(published.Binary), $"no {published.Binary}");
        Assert.True(File.GetUnixFileMode(published.Binary).HasFlag(UnixFileMode.UserExecute));
        Assert.Empty(Directory.GetFiles(published.OutputDir, "*.dbg"));
        Assert.Empty(Directory.GetFiles(published.OutputDir, "*.pdb"));

        var size = Directory.GetFiles(published.OutputDir).Sum(f => new FileInfo(f).Length);
        output.WriteLine($"published in {published.PublishTime.TotalSeconds:F0} s: {size / 1048576.0:F1} MiB in {Directory.GetFiles(published.OutputDir).Length} files");
    }

    [Fact]
    public async Task PublishedBinary_Demo_BecomesReadyAndExportsDefaultWorkspace()
    {
        Assert.True(published.Publish.ExitCode == 0, $"scripts/publish.sh failed:\n{published.Publish.Output}");
        await using var exporter = RunningExporter.Start(published.Binary, "--demo");

        await exporter.WaitReadyAsync(TimeSpan.FromSeconds(60));
        var rss = exporter.ResidentBytes();
        var metrics = await exporter.Http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        var healthz = await exporter.Http.GetAsync(new Uri("/healthz", UriKind.Relative));

        output.WriteLine($"RSS after first sync (--demo): {rss / 1048576.0:F1} MiB");
        Assert.True(healthz.IsSuccessStatusCode);
        Assert.Matches(DefaultWorkspaceBatches(), metrics);
        Assert.Contains("anthropic_up{workspace=\"default\"} 1", metrics);
        Assert.True(rss < 200L * 1048576, $"RSS {rss / 1048576} MiB after the first demo sync (Native AOT measured ~45 MiB)");
    }

    [Fact]
    public async Task PublishedBinary_WithoutKey_ExitsWithCode2AndNamesTheKey()
    {
        Assert.True(published.Publish.ExitCode == 0, $"scripts/publish.sh failed:\n{published.Publish.Output}");
        await using var exporter = RunningExporter.Start(published.Binary);

        var exitCode = await exporter.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, exitCode);
        Assert.Contains("ANTHROPIC_API_KEY", exporter.Output);
    }

    [Fact]
    public async Task PublishedBinary_ChartsJsonLogFormat_WritesOneJsonObjectPerLine()
    {
        Assert.True(published.Publish.ExitCode == 0, $"scripts/publish.sh failed:\n{published.Publish.Output}");
        var rendered = await Chart.RenderObjectsAsync(Chart.Defaults, "--set", "logFormat=json");
        var logging = Helm.DeploymentTests.Env(Helm.DeploymentTests.ExporterOf(Chart.Single(rendered, "Deployment")))
            .Where(e => e.Key.StartsWith("Logging__", StringComparison.Ordinal))
            .ToDictionary();
        Assert.Equal("json", logging["Logging__Console__FormatterName"]);

        await using var exporter = RunningExporter.StartWith(published.Binary, logging, "--demo");
        await exporter.WaitReadyAsync(TimeSpan.FromSeconds(60));
        using (var term = System.Diagnostics.Process.Start("kill", ["-TERM", exporter.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync();
        }

        Assert.Equal(0, await exporter.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        var lines = exporter.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length >= 3, exporter.Output);
        foreach (var line in lines)
        {
            using var entry = System.Text.Json.JsonDocument.Parse(line); // throws on a line that is not JSON
            Assert.True(entry.RootElement.TryGetProperty("Category", out _), line);
            Assert.EndsWith("Z", entry.RootElement.GetProperty("Timestamp").GetString(), StringComparison.Ordinal);
        }

        Assert.Contains(lines, l => l.Contains("\"Microsoft.Hosting.Lifetime\"", StringComparison.Ordinal));
    }

    [Fact]
    public void PublishedBinary_Revision_IsInItsInformationalVersion()
    {
        Assert.True(published.Publish.ExitCode == 0, $"scripts/publish.sh failed:\n{published.Publish.Output}");
        var version = Release.VersionTests.PropsVersion();

        var binary = File.ReadAllBytes(published.Binary);

        // The SDK appends SourceRevisionId to AssemblyInformationalVersion; build_info reads that attribute.
        var expected = System.Text.Encoding.UTF8.GetBytes($"{version}+{PublishedExporter.Revision}");
        Assert.True(binary.AsSpan().IndexOf(expected) >= 0, $"{version}+{PublishedExporter.Revision} is not in the published binary");
    }

    [Fact]
    public async Task PublishedBinary_DurationsInPrometheusForm_BindsThem()
    {
        Assert.True(published.Publish.ExitCode == 0, $"scripts/publish.sh failed:\n{published.Publish.Output}");
        await using var exporter = RunningExporter.Start(published.Binary, "--demo", "--Exporter:PollInterval=10s", "--Exporter:ExpiringWithin:0=90m");

        await exporter.WaitReadyAsync(TimeSpan.FromSeconds(60));
        var metrics = await exporter.Http.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Contains("within=\"1h30m\"", metrics);
    }

    [Fact]
    public async Task PublishedBinary_InvalidDuration_ExitsWithCode2AndOneLineNamingTheKey()
    {
        Assert.True(published.Publish.ExitCode == 0, $"scripts/publish.sh failed:\n{published.Publish.Output}");
        await using var exporter = RunningExporter.Start(published.Binary, "--Exporter:Lookback=a week");

        var exitCode = await exporter.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, exitCode);
        Assert.Equal("configuration error: Exporter:Lookback must be a duration such as 30s, 5m, 1h30m, 7d or 00:05:00 (got 'a week')", exporter.Output.Trim());
    }

    [Fact]
    public void Context_HoldsWhatPublishNeedsAndNothingPrivate()
    {
        var files = published.ContextFiles;

        Assert.Contains("scripts/publish.sh", files);
        Assert.Contains("src/BatchExporter/BatchExporter.csproj", files);
        Assert.Contains("Directory.Packages.props", files);
        Assert.Contains("global.json", files);
        Assert.DoesNotContain(files, f => f.StartsWith(".git/", StringComparison.Ordinal) || f.StartsWith(".tools/", StringComparison.Ordinal) || f.StartsWith("tests/", StringComparison.Ordinal));
        Assert.DoesNotContain(files, f => f.Contains("/bin/", StringComparison.Ordinal) || f.Contains("/obj/", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"warning (IL|CS)\d{4}[^\r\n]*")]
    private static partial Regex CompilerWarning();

    [GeneratedRegex("(?m)^anthropic_batches\\{[^}]*workspace=\"default\"[^}]*\\} \\d+")]
    private static partial Regex DefaultWorkspaceBatches();
}
