using BatchExporter.Dashboards.Tests.Infrastructure;

namespace BatchExporter.Dashboards.Tests.Rules;

/// <summary>The rule files through the real promtool (Debian package prometheus).</summary>
public sealed class PromtoolTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task CheckRules_RulesFile_Succeeds()
    {
        var (exitCode, output) = Summary(await Tool.RunAsync(Tool.Promtool, ["check", "rules", RepositoryPaths.Rules], timeout: Timeout, workingDirectory: RepositoryPaths.RulesFolder));
        Assert.True(exitCode == 0, output);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TestRules_UnitTests_AllPass()
    {
        var (exitCode, output) = Summary(await Tool.RunAsync(Tool.Promtool, ["test", "rules", "tests.yaml"], timeout: Timeout, workingDirectory: RepositoryPaths.RulesFolder));
        Assert.True(exitCode == 0, output);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    private static (int ExitCode, string Output) Summary(ToolResult result) => (result.ExitCode, result.Output);
}
