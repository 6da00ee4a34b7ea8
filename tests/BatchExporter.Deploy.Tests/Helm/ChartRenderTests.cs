using BatchExporter.Deploy.Tests.Infrastructure;

namespace BatchExporter.Deploy.Tests.Helm;

/// <summary>helm lint and helm template over the default values and every <c>ci/*-values.yaml</c>, each object schema-checked.</summary>
public sealed class ChartRenderTests
{
    public static TheoryData<string> Scenarios => Chart.Scenarios;

    [Fact]
    public void CiValues_RequiredScenarios_Exist()
    {
        var names = Chart.CiValuesFiles().Select(Path.GetFileName).ToList();
        foreach (var required in new[] { "default-values.yaml", "existing-secret-values.yaml", "multiple-workspaces-values.yaml", "everything-enabled-values.yaml", "sharded-values.yaml" })
        {
            Assert.Contains(required, names);
        }
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Lint_Strict_Passes(string scenario)
    {
        var result = await Chart.LintAsync(scenario);

        Assert.True(result.ExitCode == 0, $"helm lint --strict ({scenario}):\n{result.Output}");
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Template_EveryObject_ValidatesAgainstKubernetesAndOperatorSchemas(string scenario)
    {
        var yaml = await Chart.RenderAsync(scenario);

        var result = await Chart.ValidateAsync(yaml);

        Assert.True(result.ExitCode == 0, $"schema validation ({scenario}):\n{result.Output}");
        Assert.Contains("ok Deployment/", result.StandardOutput);
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Install_DryRun_RendersNotes(string scenario)
    {
        var result = await Chart.DryRunInstallAsync(scenario);

        Assert.True(result.ExitCode == 0, $"helm install --dry-run=client ({scenario}):\n{result.Output}");
        Assert.Contains("NOTES:", result.StandardOutput);
        Assert.Contains("kubectl -n monitoring-test port-forward svc/", result.StandardOutput);
        Assert.Equal(scenario == Chart.Defaults || scenario == "default-values.yaml", result.StandardOutput.Contains("WARNING: no API key is configured", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Package_ShipsTheRulesTemplateAndDashboardFile()
    {
        var dir = Directory.CreateTempSubdirectory("abe-package-").FullName;
        try
        {
            var result = await Tool.RunAsync(Tool.Helm, ["package", Repo.Chart, "--destination", dir]);
            Assert.True(result.ExitCode == 0, result.Output);
            var listing = await Tool.RunAsync("tar", ["-tzf", Directory.GetFiles(dir, "*.tgz").Single()]);

            Assert.Contains("anthropic-batch-exporter/templates/_rules.tpl", listing.StandardOutput);
            Assert.Contains("anthropic-batch-exporter/files/anthropic-batch-exporter.json", listing.StandardOutput);
            Assert.Contains("anthropic-batch-exporter/values.schema.json", listing.StandardOutput);
            Assert.DoesNotContain("/ci/", listing.StandardOutput);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Validator_UnknownFieldOrWrongType_IsReported()
    {
        var yaml = await Chart.RenderAsync(Chart.Defaults);

        var typo = await Chart.ValidateAsync(yaml.Replace("readOnlyRootFilesystem: true", "readOnlyRootFileSystem: true", StringComparison.Ordinal));
        var wrongType = await Chart.ValidateAsync(yaml.Replace("containerPort: 9464", "containerPort: metrics", StringComparison.Ordinal));
        var unknownKind = await Chart.ValidateAsync("apiVersion: v1\nkind: NoSuchKind\nmetadata:\n  name: x\n");

        Assert.NotEqual(0, typo.ExitCode);
        Assert.Contains("readOnlyRootFileSystem", typo.StandardOutput);
        Assert.NotEqual(0, wrongType.ExitCode);
        Assert.Contains("containerPort must be integer", wrongType.StandardOutput);
        Assert.NotEqual(0, unknownKind.ExitCode);
        Assert.Contains("no schema", unknownKind.StandardOutput);
    }

    [Fact]
    public async Task Template_EverythingEnabled_RendersEveryOptionalObject()
    {
        var objects = await Chart.RenderObjectsAsync("everything-enabled-values.yaml");

        Assert.Equal(
            ["AlertmanagerConfig", "ConfigMap", "Deployment", "Deployment", "NetworkPolicy", "PodDisruptionBudget", "PrometheusRule", "Service", "ServiceAccount", "ServiceMonitor"],
            objects.Select(Chart.Kind).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Template_Defaults_RendersOnlyTheCore()
    {
        var objects = await Chart.RenderObjectsAsync(Chart.Defaults);

        Assert.Equal(["Deployment", "Secret", "Service", "ServiceAccount"], objects.Select(Chart.Kind).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Template_ServiceMonitor_SelectsTheServiceByItsPortName()
    {
        var objects = await Chart.RenderObjectsAsync("everything-enabled-values.yaml");
        var service = Chart.Single(objects, "Service");
        var monitor = Chart.Single(objects, "ServiceMonitor");

        var servicePort = service.GetProperty("spec").GetProperty("ports")[0];
        var endpoint = monitor.GetProperty("spec").GetProperty("endpoints")[0];
        Assert.Equal(servicePort.GetProperty("name").GetString(), endpoint.GetProperty("port").GetString());
        Assert.Equal("/metrics", endpoint.GetProperty("path").GetString());
        var serviceLabels = service.GetProperty("metadata").GetProperty("labels");
        foreach (var label in monitor.GetProperty("spec").GetProperty("selector").GetProperty("matchLabels").EnumerateObject())
        {
            Assert.Equal(label.Value.GetString(), serviceLabels.GetProperty(label.Name).GetString());
        }

        Assert.Equal("monitoring-test", monitor.GetProperty("spec").GetProperty("namespaceSelector").GetProperty("matchNames")[0].GetString());
    }

    [Fact]
    public async Task Template_DuplicateWorkspaceName_FailsWithTheName()
    {
        var result = await Chart.TemplateAsync(Chart.Defaults, "--set", "workspaces[0].name=a,workspaces[0].apiKey=k1,workspaces[1].name=a,workspaces[1].apiKey=k2");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("\"a\" is used twice", result.Output);
    }

    [Fact]
    public async Task Template_WorkspaceWithoutKey_Fails()
    {
        var result = await Chart.TemplateAsync(Chart.Defaults, "--set", "workspaces[0].name=research");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("needs apiKey or existingSecret.name", result.Output);
    }

    [Theory]
    [InlineData("bogusKey=1", "additional properties 'bogusKey' not allowed")]
    [InlineData("config.pollInterval=soon", "/config/pollInterval")]
    [InlineData("config.pollInterval=1m30", "/config/pollInterval")]
    [InlineData("replicaCount=two", "/replicaCount")]
    public async Task Template_ValueOutsideSchema_IsRejected(string set, string expected)
    {
        var result = await Chart.TemplateAsync(Chart.Defaults, "--set", set);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(expected, result.Output);
    }
}
