using System.Text;
using System.Text.Json;
using BatchExporter.Deploy.Tests.Infrastructure;
using static BatchExporter.Deploy.Tests.Helm.DeploymentTests;

namespace BatchExporter.Deploy.Tests.Helm;

/// <summary>
/// Shards (one Deployment per shard, every shard configured with every workspace), HA pairs (replicasPerShard) and the
/// results insight switch, as rendered; and the objects that must select the pods of every shard.
/// </summary>
public sealed class ShardingTests
{
    private const string Sharded = "sharded-values.yaml";
    private const string FullName = "abe-anthropic-batch-exporter";

    private static readonly string[] ShardedWorkspaces = ["research", "production", "staging", "analytics", "support", "evals"];

    [Fact]
    public async Task Sharded_RendersOneDeploymentPerShard_EachWithReplicasPerShardPods()
    {
        var deployments = Chart.All(await Chart.RenderObjectsAsync(Sharded), "Deployment");

        Assert.Equal([$"{FullName}-shard-0", $"{FullName}-shard-1", $"{FullName}-shard-2"], deployments.Select(Name));
        for (var i = 0; i < deployments.Count; i++)
        {
            var spec = deployments[i].GetProperty("spec");
            Assert.Equal(2, spec.GetProperty("replicas").GetInt32());
            Assert.Equal($"{i}", spec.GetProperty("selector").GetProperty("matchLabels").GetProperty("shard").GetString());
            Assert.Equal($"{i}", PodLabels(deployments[i])["shard"]);
            Assert.Equal($"{i}", deployments[i].GetProperty("metadata").GetProperty("labels").GetProperty("shard").GetString());
        }
    }

    [Fact]
    public async Task Sharded_EveryShard_GetsEverySourceAndKeyAndItsOwnIndex()
    {
        var deployments = Chart.All(await Chart.RenderObjectsAsync(Sharded), "Deployment");
        var first = Env(ExporterOf(deployments[0]));

        Assert.Equal(ShardedWorkspaces, Enumerable.Range(0, ShardedWorkspaces.Length).Select(i => first[$"Exporter__Sources__{i}__Name"]));
        for (var i = 0; i < deployments.Count; i++)
        {
            var env = Env(ExporterOf(deployments[i]));
            Assert.Equal(($"{i}", "3"), (env["Exporter__Shard__Index"], env["Exporter__Shard__Count"]));
            Assert.Equal("true", env["Exporter__Results__Enabled"]);

            // Apart from the shard index, every shard runs the same configuration with the same keys.
            Assert.Equal(Without(first, "Exporter__Shard__Index"), Without(env, "Exporter__Shard__Index"));
            Assert.Equal(KeyVolumeItems(PodSpec(deployments[0])), KeyVolumeItems(PodSpec(deployments[i])));
            Assert.Equal(ShardedWorkspaces.Length, KeyVolumeItems(PodSpec(deployments[i])).Count);
        }
    }

    [Fact]
    public async Task Sharded_CiWorkspaces_EachShardServesSome()
    {
        // The exporter's rule (Options/ShardOptions.cs): FNV-1a 32-bit of the UTF-8 name, modulo the shard count.
        // The scenario's names are chosen so that no shard idles; its comment lists the split.
        var served = ShardedWorkspaces.GroupBy(w => Fnv1a(w) % 3).ToDictionary(g => g.Key, g => g.Order(StringComparer.Ordinal).ToList());

        Assert.Equal(["analytics", "evals"], served[0]);
        Assert.Equal(["production", "research"], served[1]);
        Assert.Equal(["staging", "support"], served[2]);
        Assert.Contains("shard 0 serves analytics and evals, 1 research and production, 2 staging and support", File.ReadAllText(Path.Combine(Repo.Chart, "ci", Sharded)));
    }

    [Theory]
    [InlineData(Sharded)]
    [InlineData("everything-enabled-values.yaml")]
    public async Task Sharded_ServicePdbNetworkPolicyAndServiceMonitor_SelectThePodsOfEveryShard(string scenario)
    {
        var objects = await Chart.RenderObjectsAsync(scenario);
        var deployments = Chart.All(objects, "Deployment");
        Assert.True(deployments.Count > 1);
        var service = Chart.Single(objects, "Service");

        var selectors = new Dictionary<string, JsonElement>
        {
            ["Service"] = service.GetProperty("spec").GetProperty("selector"),
            ["PodDisruptionBudget"] = Chart.Single(objects, "PodDisruptionBudget").GetProperty("spec").GetProperty("selector").GetProperty("matchLabels"),
            ["NetworkPolicy"] = Chart.Single(objects, "NetworkPolicy").GetProperty("spec").GetProperty("podSelector").GetProperty("matchLabels"),
        };
        foreach (var (kind, selector) in selectors)
        {
            foreach (var deployment in deployments)
            {
                Assert.True(Matches(selector, PodLabels(deployment)), $"{kind} does not select the pods of {Name(deployment)}");
            }
        }

        // The ServiceMonitor finds the Service (and so its endpoints: every shard's pods) and keeps the pods' shard label.
        var monitor = Chart.Single(objects, "ServiceMonitor").GetProperty("spec");
        Assert.True(Matches(monitor.GetProperty("selector").GetProperty("matchLabels"), Labels(service.GetProperty("metadata"))));
        Assert.Contains("shard", monitor.GetProperty("podTargetLabels").EnumerateArray().Select(l => l.GetString()));
    }

    [Theory]
    [InlineData(Sharded)]
    [InlineData("everything-enabled-values.yaml")]
    public async Task Sharded_EachDeployment_SelectsOnlyItsOwnShardsPods(string scenario)
    {
        var deployments = Chart.All(await Chart.RenderObjectsAsync(scenario), "Deployment");

        foreach (var owner in deployments)
        {
            var selector = owner.GetProperty("spec").GetProperty("selector").GetProperty("matchLabels");
            foreach (var other in deployments)
            {
                Assert.Equal(Name(owner) == Name(other), Matches(selector, PodLabels(other)));
            }
        }
    }

    [Fact]
    public async Task Defaults_OneUnshardedDeploymentNamedAsBefore_WithShardLabelZero()
    {
        var deployment = Chart.Single(await Chart.RenderObjectsAsync(Chart.Defaults), "Deployment");

        Assert.Equal(FullName, Name(deployment));
        Assert.Equal(1, deployment.GetProperty("spec").GetProperty("replicas").GetInt32());
        // The selector is unchanged (it is immutable: an upgrade must not need the Deployment deleted).
        Assert.Equal(
            ["app.kubernetes.io/instance", "app.kubernetes.io/name"],
            deployment.GetProperty("spec").GetProperty("selector").GetProperty("matchLabels").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("0", PodLabels(deployment)["shard"]);
        Assert.DoesNotContain(Env(ExporterOf(deployment)).Keys, k => k.StartsWith("Exporter__Shard__", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReplicasPerShard_Unsharded_IsTheDeploymentsReplicas()
    {
        var objects = await Chart.RenderObjectsAsync(Chart.Defaults, "--set", "replicasPerShard=2");

        Assert.Equal(2, Chart.Single(objects, "Deployment").GetProperty("spec").GetProperty("replicas").GetInt32());
    }

    [Fact]
    public async Task ShardSetByHand_OneReleasePerShard_PassesItAndLabelsThePods()
    {
        var deployment = Chart.Single(await Chart.RenderObjectsAsync("multiple-workspaces-values.yaml"), "Deployment");

        Assert.Equal(FullName, Name(deployment));
        Assert.Equal("1", PodLabels(deployment)["shard"]);
        var env = Env(ExporterOf(deployment));
        Assert.Equal(("1", "2"), (env["Exporter__Shard__Index"], env["Exporter__Shard__Count"]));
    }

    [Fact]
    public async Task Sharded_LongFullName_KeepsDistinctNamesWithin63Characters()
    {
        var fullName = new string('x', 63);
        var deployments = Chart.All(
            await Chart.RenderObjectsAsync(Sharded, "--set", $"fullnameOverride={fullName}"),
            "Deployment");

        Assert.All(deployments, d => Assert.True(Name(d).Length <= 63, Name(d)));
        Assert.Equal(deployments.Count, deployments.Select(Name).Distinct().Count());
    }

    [Theory]
    [InlineData("shards=0", "/shards")]
    [InlineData("shards=-1", "/shards")]
    [InlineData("shards=two", "/shards")]
    [InlineData("replicasPerShard=-1", "/replicasPerShard")]
    [InlineData("results.enabled=yes", "/results/enabled")]
    [InlineData("results.bogus=true", "additional properties 'bogus' not allowed")]
    public async Task Schema_InvalidShardingOrResultsValue_IsRejected(string set, string expected)
    {
        var result = await Chart.TemplateAsync(Sharded, "--set", set);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(expected, result.Output);
    }

    [Theory]
    [InlineData("shards=2", "shards (2) is more than the workspaces the exporter watches (1)")]
    [InlineData("shards=2,demo=true", "shards (2) is more than the workspaces the exporter watches (1)")]
    [InlineData("shards=2,config.shard.count=2", "shards and config.shard.count are two ways to shard")]
    [InlineData("replicaCount=2", "replicaCount (2) is replaced by replicasPerShard")]
    public async Task Template_ContradictoryShardingValues_FailWithTheReason(string set, string expected)
    {
        var result = await Chart.TemplateAsync(Chart.Defaults, "--set", set);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(expected, result.Output);
    }

    [Fact]
    public async Task Template_MoreShardsThanWorkspaces_Fails()
    {
        var result = await Chart.TemplateAsync(Sharded, "--set", "shards=7");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("shards (7) is more than the workspaces the exporter watches (6)", result.Output);
    }

    [Theory]
    [InlineData("replicaCount=3,replicasPerShard=3", 3)]
    [InlineData("replicaCount=3,replicasPerShard=null", 3)] // values kept from a release made before replicasPerShard
    [InlineData("replicasPerShard=0", 0)]
    public async Task ReplicaCount_Legacy_IsAcceptedWhenItAgrees(string set, int expected)
    {
        var objects = await Chart.RenderObjectsAsync(Chart.Defaults, "--set", set);

        Assert.Equal(expected, Chart.Single(objects, "Deployment").GetProperty("spec").GetProperty("replicas").GetInt32());
    }

    [Fact]
    public async Task Results_Default_LeavesTheExporterDefault_EnabledRendersTheVariable()
    {
        var off = Env(ExporterOf(Chart.Single(await Chart.RenderObjectsAsync(Chart.Defaults), "Deployment")));
        var on = Env(ExporterOf(Chart.Single(await Chart.RenderObjectsAsync(Chart.Defaults, "--set", "results.enabled=true"), "Deployment")));

        Assert.DoesNotContain("Exporter__Results__Enabled", off.Keys);
        Assert.Equal("true", on["Exporter__Results__Enabled"]);
    }

    [Fact]
    public async Task Notes_Sharded_NameTheShardsAndTheHaPairCost()
    {
        var result = await Chart.DryRunInstallAsync(Sharded);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains($"Shards: 3 Deployments ({FullName}-shard-0 … -shard-2), 2 pod(s) each.", result.StandardOutput);
        Assert.Contains("2× the calls of one pod", result.StandardOutput);
        Assert.Contains("Results insight is on", result.StandardOutput);
    }

    [Fact]
    public void Values_DocumentShardsReplicasPerShardAndResults()
    {
        var values = File.ReadAllText(Path.Combine(Repo.Chart, "values.yaml"));
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.Chart, "values.schema.json")));
        var properties = schema.RootElement.GetProperty("properties");

        Assert.Contains("\nshards: 1\n", values);
        Assert.Contains("\nreplicasPerShard: 1\n", values);
        Assert.Contains("\nresults:\n  # -- ", values);
        Assert.Equal(1, properties.GetProperty("shards").GetProperty("minimum").GetInt32());
        Assert.Equal("boolean", properties.GetProperty("results").GetProperty("properties").GetProperty("enabled").GetProperty("type").GetString());
    }

    private static uint Fnv1a(string name)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(name))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash;
    }

    private static string Name(JsonElement o) => o.GetProperty("metadata").GetProperty("name").GetString()!;

    private static Dictionary<string, string> Labels(JsonElement metadata) =>
        metadata.GetProperty("labels").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);

    private static Dictionary<string, string> PodLabels(JsonElement deployment) =>
        Labels(deployment.GetProperty("spec").GetProperty("template").GetProperty("metadata"));

    private static bool Matches(JsonElement matchLabels, Dictionary<string, string> labels) =>
        matchLabels.EnumerateObject().All(p => labels.TryGetValue(p.Name, out var v) && v == p.Value.GetString());

    private static Dictionary<string, string> Without(Dictionary<string, string> env, string key) =>
        env.Where(e => e.Key != key).ToDictionary(e => e.Key, e => e.Value);
}
