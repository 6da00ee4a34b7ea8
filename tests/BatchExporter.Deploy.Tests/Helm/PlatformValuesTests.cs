using BatchExporter.Deploy.Tests.Infrastructure;

namespace BatchExporter.Deploy.Tests.Helm;

/// <summary>
/// The values a platform team sets to install the chart as it is: global.imageRegistry, extraEnvFrom, logFormat,
/// startupProbe, and the ServiceMonitor's jobLabel, sampleLimit and targetLimit (ci/platform-values.yaml).
/// </summary>
public sealed class PlatformValuesTests
{
    private const string Platform = "platform-values.yaml";

    [Fact]
    public async Task Template_PlatformValues_RendersEveryPlatformSetting()
    {
        var objects = await Chart.RenderObjectsAsync(Platform);
        var container = DeploymentTests.ExporterOf(Chart.Single(objects, "Deployment"));
        var monitor = Chart.Single(objects, "ServiceMonitor").GetProperty("spec");

        Assert.Equal("mirror.example.com:5000/anthropic-batch-exporter/anthropic-batch-exporter:1.0.0", container.GetProperty("image").GetString());
        var env = DeploymentTests.Env(container);
        Assert.Equal("json", env["Logging__Console__FormatterName"]);
        Assert.Equal("true", env["Logging__Console__FormatterOptions__UseUtcTimestamp"]);
        var envFrom = container.GetProperty("envFrom").EnumerateArray().ToList();
        Assert.Equal("batch-exporter-settings", envFrom[0].GetProperty("configMapRef").GetProperty("name").GetString());
        Assert.Equal("batch-exporter-proxy", envFrom[1].GetProperty("secretRef").GetProperty("name").GetString());
        Assert.Equal("HTTPS_", envFrom[1].GetProperty("prefix").GetString());
        var startup = container.GetProperty("startupProbe");
        Assert.Equal("/healthz", startup.GetProperty("httpGet").GetProperty("path").GetString());
        Assert.Equal(5, startup.GetProperty("periodSeconds").GetInt32());
        Assert.Equal(24, startup.GetProperty("failureThreshold").GetInt32());
        Assert.False(startup.TryGetProperty("enabled", out _));
        Assert.Equal("monitoring.example.com/job", monitor.GetProperty("jobLabel").GetString());
        Assert.Equal(50000, monitor.GetProperty("sampleLimit").GetInt64());
        Assert.Equal(10, monitor.GetProperty("targetLimit").GetInt64());
        Assert.Equal("anthropic-batches", Chart.Single(objects, "Service").GetProperty("metadata").GetProperty("labels").GetProperty("monitoring.example.com/job").GetString());
    }

    [Fact]
    public async Task Template_Defaults_StartupProbeOnHealthzSimpleLogsNoLimits()
    {
        var objects = await Chart.RenderObjectsAsync(Chart.Defaults, "--set", "serviceMonitor.enabled=true");
        var container = DeploymentTests.ExporterOf(Chart.Single(objects, "Deployment"));
        var monitor = Chart.Single(objects, "ServiceMonitor").GetProperty("spec");

        var startup = container.GetProperty("startupProbe");
        Assert.Equal("/healthz", startup.GetProperty("httpGet").GetProperty("path").GetString());
        Assert.Equal("http-metrics", startup.GetProperty("httpGet").GetProperty("port").GetString());
        Assert.Equal(60, startup.GetProperty("periodSeconds").GetInt32() * startup.GetProperty("failureThreshold").GetInt32());
        Assert.Equal("ghcr.io/anthropic-batch-exporter/anthropic-batch-exporter:1.0.0", container.GetProperty("image").GetString());
        Assert.DoesNotContain(DeploymentTests.Env(container).Keys, k => k.StartsWith("Logging__Console__", StringComparison.Ordinal));
        Assert.False(container.TryGetProperty("envFrom", out _));
        foreach (var field in new[] { "jobLabel", "sampleLimit", "targetLimit" })
        {
            Assert.False(monitor.TryGetProperty(field, out _), field);
        }
    }

    [Fact]
    public async Task Template_StartupProbeDisabled_RendersNone()
    {
        var objects = await Chart.RenderObjectsAsync(Chart.Defaults, "--set", "startupProbe.enabled=false");

        Assert.False(DeploymentTests.ExporterOf(Chart.Single(objects, "Deployment")).TryGetProperty("startupProbe", out _));
    }

    [Fact]
    public async Task Template_GlobalImageRegistry_ReplacesImageRegistryAndKeepsTheDigest()
    {
        var digest = "sha256:" + new string('a', 64);
        var objects = await Chart.RenderObjectsAsync("everything-enabled-values.yaml", "--set", "global.imageRegistry=mirror.example.com");

        foreach (var deployment in Chart.All(objects, "Deployment"))
        {
            Assert.Equal("mirror.example.com/mirrors/anthropic-batch-exporter@sha256:" + new string('0', 64), DeploymentTests.ExporterOf(deployment).GetProperty("image").GetString());
        }

        var withDigest = await Chart.RenderObjectsAsync(Chart.Defaults, "--set", $"global.imageRegistry=mirror.example.com,image.digest={digest}");
        Assert.Equal($"mirror.example.com/anthropic-batch-exporter/anthropic-batch-exporter@{digest}", DeploymentTests.ExporterOf(Chart.Single(withDigest, "Deployment")).GetProperty("image").GetString());
    }

    [Fact]
    public async Task Template_JobLabelTheServiceLacks_FailsNamingIt()
    {
        var result = await Chart.TemplateAsync(Chart.Defaults, "--set", "serviceMonitor.enabled=true,serviceMonitor.jobLabel=team");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("serviceMonitor.jobLabel \"team\" is not a label of the Service", result.Output);
    }

    [Fact]
    public async Task Template_JobLabelFromCommonLabels_IsAccepted()
    {
        var objects = await Chart.RenderObjectsAsync(Chart.Defaults, "--set", "serviceMonitor.enabled=true,serviceMonitor.jobLabel=team,commonLabels.team=ml");

        Assert.Equal("team", Chart.Single(objects, "ServiceMonitor").GetProperty("spec").GetProperty("jobLabel").GetString());
    }

    [Theory]
    [InlineData("logFormat=xml", "/logFormat")]
    [InlineData("extraEnvFrom[0].prefix=X_", "/extraEnvFrom/0")]
    [InlineData("extraEnvFrom[0].configMapRef.nmae=x", "/extraEnvFrom/0/configMapRef")]
    [InlineData("startupProbe.periodSecond=5", "/startupProbe")]
    [InlineData("startupProbe.failureThreshold=0", "/startupProbe/failureThreshold")]
    [InlineData("serviceMonitor.sampleLimit=-1", "/serviceMonitor/sampleLimit")]
    [InlineData("serviceMonitor.targetLimit=ten", "/serviceMonitor/targetLimit")]
    [InlineData("global.imageRegistry=https://mirror", "/global/imageRegistry")]
    public async Task Template_PlatformValueOutsideSchema_IsRejected(string set, string expected)
    {
        var result = await Chart.TemplateAsync(Chart.Defaults, "--set", set);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(expected, result.Output);
    }

    [Fact]
    public async Task Template_GlobalKeysOfOtherCharts_AreAccepted()
    {
        var result = await Chart.TemplateAsync(Chart.Defaults, "--set", "global.storageClass=fast,global.imagePullSecrets[0].name=regcred");

        Assert.True(result.ExitCode == 0, result.Output);
    }
}
