using System.Text.RegularExpressions;
using BatchExporter.Deploy.Tests.Infrastructure;

namespace BatchExporter.Deploy.Tests.Release;

/// <summary>
/// One version, in Directory.Build.props: scripts/release-version.sh (the release workflow's first job) prints it and
/// fails when Chart.yaml's version or appVersion, or the pushed tag, differ. build_info reads the same property
/// (BatchExporter.Tests' ReadmeTests.BuildVersion_EqualsTheChartsAppVersion).
/// </summary>
public sealed partial class VersionTests
{
    public static string PropsVersion() =>
        PropsVersionPattern().Match(File.ReadAllText(Repo.File("Directory.Build.props"))).Groups[1].Value;

    [Fact]
    public async Task ReleaseVersion_TagOfThePropsVersion_PrintsIt()
    {
        var version = PropsVersion();
        Assert.Matches(@"^\d+\.\d+\.\d+", version);

        var result = await Tool.RunAsync(Repo.File("scripts", "release-version.sh"), [$"v{version}"]);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Equal(version, result.StandardOutput.Trim());
    }

    [Fact]
    public async Task ReleaseVersion_OtherTag_FailsNamingBoth()
    {
        var result = await Tool.RunAsync(Repo.File("scripts", "release-version.sh"), ["v99.0.0"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"tag v99.0.0 is not v{PropsVersion()}", result.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("version: ", "version")]
    [InlineData("appVersion: \"", "appVersion")]
    public async Task ReleaseVersion_ChartDisagrees_Fails(string prefix, string field)
    {
        var root = Directory.CreateTempSubdirectory("abe-version-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "scripts"));
            Directory.CreateDirectory(Path.Combine(root, "helm", "anthropic-batch-exporter"));
            File.Copy(Repo.File("scripts", "release-version.sh"), Path.Combine(root, "scripts", "release-version.sh"));
            File.Copy(Repo.File("Directory.Build.props"), Path.Combine(root, "Directory.Build.props"));
            var chart = File.ReadAllText(Path.Combine(Repo.Chart, "Chart.yaml"));
            Assert.Contains($"\n{prefix}{PropsVersion()}", chart, StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(root, "helm", "anthropic-batch-exporter", "Chart.yaml"), chart.Replace($"\n{prefix}{PropsVersion()}", $"\n{prefix}9.9.9", StringComparison.Ordinal));

            var result = await Tool.RunAsync(Path.Combine(root, "scripts", "release-version.sh"), [], workingDirectory: root);

            Assert.Equal(1, result.ExitCode);
            Assert.Contains($"{field} is 9.9.9", result.StandardError, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [GeneratedRegex("<Version>([^<]+)</Version>")]
    private static partial Regex PropsVersionPattern();
}
