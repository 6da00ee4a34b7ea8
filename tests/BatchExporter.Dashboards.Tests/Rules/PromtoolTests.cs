using BatchExporter.Dashboards.Tests.Infrastructure;

namespace BatchExporter.Dashboards.Tests.Rules;

/// <summary>The rule files through the real promtool (Debian package prometheus).</summary>
public sealed class PromtoolTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task CheckRules_RulesFile_Succeeds()
    {
        var (exitCode, output) = await Tools.RunAsync(Tools.Promtool, ["check", "rules", RepositoryPaths.Rules], RepositoryPaths.RulesFolder, Timeout);
        Assert.True(exitCode == 0, output);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TestRules_UnitTests_AllPass()
    {
        var (exitCode, output) = await Tools.RunAsync(Tools.Promtool, ["test", "rules", "tests.yaml"], RepositoryPaths.RulesFolder, Timeout);
        Assert.True(exitCode == 0, output);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }
}
