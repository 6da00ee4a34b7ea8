using System.Text;
using System.Text.Json;
using BatchExporter.Deploy.Tests.Infrastructure;

namespace BatchExporter.Deploy.Tests.Helm;

/// <summary>What the rendered Deployment promises: a locked-down pod, probes on the contract's endpoints, keys only as files.</summary>
public sealed class DeploymentTests
{
    private const string KeyDir = "/var/run/secrets/anthropic-batch-exporter";

    public static TheoryData<string> Scenarios => Chart.Scenarios;

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Deployment_EveryScenario_RunsRestrictedNonRootWithoutToken(string scenario)
    {
        var objects = await Chart.RenderObjectsAsync(scenario);
        foreach (var deployment in Chart.All(objects, "Deployment"))
        {
            AssertRestricted(PodSpec(deployment));
        }

        if (objects.Any(o => Chart.Kind(o) == "ServiceAccount"))
        {
            Assert.False(Chart.Single(objects, "ServiceAccount").GetProperty("automountServiceAccountToken").GetBoolean());
        }
    }

    private static void AssertRestricted(JsonElement pod)
    {
        Assert.False(pod.GetProperty("automountServiceAccountToken").GetBoolean());
        var podSecurity = pod.GetProperty("securityContext");
        Assert.True(podSecurity.GetProperty("runAsNonRoot").GetBoolean());
        Assert.NotEqual(0, podSecurity.GetProperty("runAsUser").GetInt64());
        Assert.Equal("RuntimeDefault", podSecurity.GetProperty("seccompProfile").GetProperty("type").GetString());
        Assert.False(pod.TryGetProperty("hostNetwork", out _));

        foreach (var container in pod.GetProperty("containers").EnumerateArray())
        {
            var security = container.GetProperty("securityContext");
            Assert.False(security.GetProperty("allowPrivilegeEscalation").GetBoolean());
            Assert.True(security.GetProperty("readOnlyRootFilesystem").GetBoolean());
            Assert.True(security.GetProperty("runAsNonRoot").GetBoolean());
            Assert.False(security.TryGetProperty("privileged", out var privileged) && privileged.GetBoolean());
            Assert.Equal(["ALL"], security.GetProperty("capabilities").GetProperty("drop").EnumerateArray().Select(e => e.GetString()));
            Assert.False(security.GetProperty("capabilities").TryGetProperty("add", out _));
            Assert.True(container.GetProperty("resources").GetProperty("limits").TryGetProperty("memory", out _));
            Assert.True(container.GetProperty("resources").GetProperty("requests").TryGetProperty("memory", out _));
        }
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Deployment_EveryScenario_ProbesHealthzAndReadyzOnTheListenPort(string scenario)
    {
        foreach (var deployment in Chart.All(await Chart.RenderObjectsAsync(scenario), "Deployment"))
        {
            AssertProbes(ExporterOf(deployment));
        }
    }

    private static void AssertProbes(JsonElement container)
    {
        var port = container.GetProperty("ports")[0];
        Assert.Equal("http-metrics", port.GetProperty("name").GetString());
        Assert.Equal("/healthz", container.GetProperty("livenessProbe").GetProperty("httpGet").GetProperty("path").GetString());
        Assert.Equal("/readyz", container.GetProperty("readinessProbe").GetProperty("httpGet").GetProperty("path").GetString());
        Assert.Equal("http-metrics", container.GetProperty("livenessProbe").GetProperty("httpGet").GetProperty("port").GetString());
        Assert.Equal("http-metrics", container.GetProperty("readinessProbe").GetProperty("httpGet").GetProperty("port").GetString());
        var env = Env(container);
        Assert.Equal($"http://+:{port.GetProperty("containerPort").GetInt32()}", env["ASPNETCORE_URLS"]);
        Assert.Equal(string.Empty, env["ASPNETCORE_HTTP_PORTS"]);
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Deployment_EveryScenario_PassesKeysOnlyAsFilesOfAWholeVolume(string scenario)
    {
        foreach (var deployment in Chart.All(await Chart.RenderObjectsAsync(scenario), "Deployment"))
        {
            AssertKeysAsFiles(deployment);
        }
    }

    private static void AssertKeysAsFiles(JsonElement deployment)
    {
        var container = ExporterOf(deployment);

        var env = Env(container);
        Assert.DoesNotContain("ANTHROPIC_API_KEY", env.Keys);
        Assert.DoesNotContain(env.Keys, k => k.EndsWith("__ApiKey", StringComparison.Ordinal));
        Assert.DoesNotContain(env.Values, v => v.StartsWith("sk-ant-", StringComparison.Ordinal));
        foreach (var mount in container.GetProperty("volumeMounts").EnumerateArray())
        {
            Assert.False(mount.TryGetProperty("subPath", out _), "a subPath mount never sees a rotated Secret");
        }

        // Every key file the exporter is told about is an item of the projected key volume.
        var files = env.Where(e => e.Key == "ANTHROPIC_API_KEY_FILE" || e.Key.EndsWith("__ApiKeyFile", StringComparison.Ordinal)).Select(e => e.Value).ToList();
        var items = KeyVolumeItems(PodSpec(deployment)).Select(i => $"{KeyDir}/{i.Path}").ToList();
        Assert.Equal(files.Order(StringComparer.Ordinal), items.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Deployment_Defaults_MountsTheChartSecretWithAnEmptyKey()
    {
        var objects = await Chart.RenderObjectsAsync(Chart.Defaults);

        Assert.Equal($"{KeyDir}/api-key", Env(Exporter(objects))["ANTHROPIC_API_KEY_FILE"]);
        var secret = Chart.Single(objects, "Secret");
        Assert.Equal(string.Empty, secret.GetProperty("data").GetProperty("api-key").GetString());
        var item = Assert.Single(KeyVolumeItems(PodSpec(Chart.Single(objects, "Deployment"))));
        Assert.Equal((secret.GetProperty("metadata").GetProperty("name").GetString(), "api-key", "api-key"), (item.Secret, item.Key, item.Path));
    }

    [Fact]
    public async Task Deployment_ApiKeyValue_IsStoredInTheSecretNotInThePodSpec()
    {
        var objects = await Chart.RenderObjectsAsync(Chart.Defaults, "--set", "apiKey=sk-ant-test-123");

        var data = Chart.Single(objects, "Secret").GetProperty("data").GetProperty("api-key").GetString()!;
        Assert.Equal("sk-ant-test-123", Encoding.UTF8.GetString(Convert.FromBase64String(data)));
        Assert.DoesNotContain("sk-ant-test-123", Chart.Single(objects, "Deployment").GetRawText());
    }

    [Fact]
    public async Task Deployment_ExistingSecret_MountsItsKeyAndCreatesNoSecret()
    {
        var objects = await Chart.RenderObjectsAsync("existing-secret-values.yaml");

        Assert.DoesNotContain(objects, o => Chart.Kind(o) == "Secret");
        var item = Assert.Single(KeyVolumeItems(PodSpec(Chart.Single(objects, "Deployment"))));
        Assert.Equal(("anthropic-api-key", "api-key", "api-key"), (item.Secret, item.Key, item.Path));
        Assert.Equal($"{KeyDir}/api-key", Env(Exporter(objects))["ANTHROPIC_API_KEY_FILE"]);
    }

    [Fact]
    public async Task Deployment_MultipleWorkspaces_ConfiguresOneSourceEach()
    {
        var objects = await Chart.RenderObjectsAsync("multiple-workspaces-values.yaml");
        var env = Env(Exporter(objects));

        Assert.DoesNotContain("ANTHROPIC_API_KEY_FILE", env.Keys);
        Assert.Equal(["research", "production", "staging"], Enumerable.Range(0, 3).Select(i => env[$"Exporter__Sources__{i}__Name"]));
        Assert.Equal("wrkspc_01ABCDEFGHJKMNPQRSTVWXYZ", env["Exporter__Sources__1__WorkspaceId"]);
        Assert.Equal("http://anthropic-proxy.egress.svc:8080", env["Exporter__Sources__2__BaseUrl"]);
        Assert.DoesNotContain("Exporter__Sources__3__Name", env.Keys);
        Assert.Equal(("1", "2"), (env["Exporter__Shard__Index"], env["Exporter__Shard__Count"]));
        Assert.Equal(["30m", "2h", "12h"], Enumerable.Range(0, 3).Select(i => env[$"Exporter__ExpiringWithin__{i}"]));

        var items = KeyVolumeItems(PodSpec(Chart.Single(objects, "Deployment")));
        Assert.Contains(("anthropic-research", "key", "workspace-0"), items.Select(i => (i.Secret, i.Key, i.Path)));
        var secret = Chart.Single(objects, "Secret");
        Assert.Equal(["workspace-1", "workspace-2"], secret.GetProperty("data").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Deployment_Demo_RunsWithDemoFlagAndNoKeys()
    {
        var objects = await Chart.RenderObjectsAsync("demo-values.yaml");
        var container = Exporter(objects);

        Assert.Contains("--demo", container.GetProperty("args").EnumerateArray().Select(a => a.GetString()));
        Assert.DoesNotContain(objects, o => Chart.Kind(o) == "Secret");
        Assert.Empty(KeyVolumeItems(PodSpec(Chart.Single(objects, "Deployment"))));
    }

    [Fact]
    public async Task Deployment_ScrapeAuth_MountsTheTokenFileAndTheServiceMonitorSendsIt()
    {
        var objects = await Chart.RenderObjectsAsync("scrape-auth-values.yaml");
        var container = Exporter(objects);
        var pod = PodSpec(Chart.Single(objects, "Deployment"));

        var tokenFile = Env(container)["Exporter__Web__BearerTokenFile"];
        var mount = container.GetProperty("volumeMounts").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "scrape-auth");
        Assert.Equal($"{mount.GetProperty("mountPath").GetString()}/token", tokenFile);
        var volume = pod.GetProperty("volumes").EnumerateArray().Single(v => v.GetProperty("name").GetString() == "scrape-auth").GetProperty("secret");
        Assert.Equal("exporter-scrape-token", volume.GetProperty("secretName").GetString());
        Assert.Equal(("token", "token"), (volume.GetProperty("items")[0].GetProperty("key").GetString(), volume.GetProperty("items")[0].GetProperty("path").GetString()));

        var authorization = Chart.Single(objects, "ServiceMonitor").GetProperty("spec").GetProperty("endpoints")[0].GetProperty("authorization");
        Assert.Equal("Bearer", authorization.GetProperty("type").GetString());
        Assert.Equal("exporter-scrape-token", authorization.GetProperty("credentials").GetProperty("name").GetString());
        Assert.Contains(container.GetProperty("volumeMounts").EnumerateArray(), m => m.GetProperty("mountPath").GetString() == "/tls");
    }

    [Fact]
    public async Task ServiceMonitor_ScrapeAuthInAnotherNamespace_Fails()
    {
        var result = await Chart.TemplateAsync("scrape-auth-values.yaml", "--set", "serviceMonitor.namespace=elsewhere");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("leave serviceMonitor.namespace empty", result.Output);
    }

    [Fact]
    public async Task Deployment_UnsetConfig_LeavesTheExporterDefaults()
    {
        var env = Env(Exporter(await Chart.RenderObjectsAsync(Chart.Defaults)));

        Assert.Equal(["ANTHROPIC_API_KEY_FILE", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_URLS"], env.Keys.Order(StringComparer.Ordinal));
    }

    internal static JsonElement PodSpec(JsonElement deployment) =>
        deployment.GetProperty("spec").GetProperty("template").GetProperty("spec");

    internal static JsonElement ExporterOf(JsonElement deployment) =>
        PodSpec(deployment).GetProperty("containers").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "exporter");

    private static JsonElement Exporter(IReadOnlyList<JsonElement> objects) => ExporterOf(Chart.Single(objects, "Deployment"));

    internal static Dictionary<string, string> Env(JsonElement container) =>
        container.GetProperty("env").EnumerateArray().ToDictionary(
            e => e.GetProperty("name").GetString()!,
            e => e.TryGetProperty("value", out var v) ? v.GetString()! : "<valueFrom>");

    internal static List<(string Secret, string Key, string Path)> KeyVolumeItems(JsonElement podSpec)
    {
        var volume = podSpec.GetProperty("volumes").EnumerateArray().FirstOrDefault(v => v.GetProperty("name").GetString() == "api-keys");
        if (volume.ValueKind == JsonValueKind.Undefined)
        {
            return [];
        }

        return [.. volume.GetProperty("projected").GetProperty("sources").EnumerateArray()
            .Select(s => s.GetProperty("secret"))
            .SelectMany(s => s.GetProperty("items").EnumerateArray().Select(i =>
                (s.GetProperty("name").GetString()!, i.GetProperty("key").GetString()!, i.GetProperty("path").GetString()!)))];
    }
}
