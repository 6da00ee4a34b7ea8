using System.Text.Json;
using BatchExporter.Deploy.Tests.Infrastructure;

namespace BatchExporter.Deploy.Tests.Helm;

/// <summary>
/// The chart's AlertmanagerConfig (prometheus-operator) is the routing of dashboards/alertmanager.yaml, the example
/// configuration the end-to-end test runs a real Alertmanager with: the same grouping, routes and inhibition.
/// </summary>
public sealed class AlertmanagerConfigTests
{
    private static readonly string[] Receivers =
    [
        "--set", "alertmanagerConfig.enabled=true",
        "--set-json", """alertmanagerConfig.critical={"webhookConfigs":[{"url":"http://pager.example/critical"}]}""",
        "--set-json", """alertmanagerConfig.warning={"webhookConfigs":[{"url":"http://chat.example/warning"}]}""",
    ];

    [Fact]
    public async Task Template_Enabled_RoutesGroupsAndInhibitsAsTheShippedExample()
    {
        var rendered = Chart.Single(await Chart.RenderObjectsAsync(Chart.Defaults, Receivers), "AlertmanagerConfig").GetProperty("spec");
        var shipped = Assert.Single(await Chart.ToJsonAsync(File.ReadAllText(Repo.File("dashboards", "alertmanager.yaml"))));
        var route = rendered.GetProperty("route");
        var shippedRoute = shipped.GetProperty("route");

        Assert.Equal(Strings(shippedRoute.GetProperty("group_by")), Strings(route.GetProperty("groupBy")));
        foreach (var (camel, snake) in new[] { ("groupWait", "group_wait"), ("groupInterval", "group_interval"), ("repeatInterval", "repeat_interval") })
        {
            Assert.Equal(shippedRoute.GetProperty(snake).GetString(), route.GetProperty(camel).GetString());
        }

        var routes = route.GetProperty("routes").EnumerateArray().ToList();
        var shippedRoutes = shippedRoute.GetProperty("routes").EnumerateArray().ToList();
        Assert.Equal(shippedRoutes.Count, routes.Count);
        for (var i = 0; i < routes.Count; i++)
        {
            Assert.Equal(Strings(shippedRoutes[i].GetProperty("matchers")), Matchers(routes[i].GetProperty("matchers")));
        }

        var inhibit = rendered.GetProperty("inhibitRules").EnumerateArray().ToList();
        var shippedInhibit = shipped.GetProperty("inhibit_rules").EnumerateArray().ToList();
        Assert.Equal(shippedInhibit.Count, inhibit.Count);
        for (var i = 0; i < inhibit.Count; i++)
        {
            Assert.Equal(Strings(shippedInhibit[i].GetProperty("source_matchers")), Matchers(inhibit[i].GetProperty("sourceMatch")));
            Assert.Equal(Strings(shippedInhibit[i].GetProperty("target_matchers")), Matchers(inhibit[i].GetProperty("targetMatch")));
            Assert.Equal(Strings(shippedInhibit[i].GetProperty("equal")), Strings(inhibit[i].GetProperty("equal")));
        }

        var receivers = rendered.GetProperty("receivers").EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!);
        Assert.Equal("http://pager.example/critical", receivers[routes[0].GetProperty("receiver").GetString()!].GetProperty("webhookConfigs")[0].GetProperty("url").GetString());
        Assert.Equal("http://chat.example/warning", receivers[routes[1].GetProperty("receiver").GetString()!].GetProperty("webhookConfigs")[0].GetProperty("url").GetString());
        Assert.Equal(routes[1].GetProperty("receiver").GetString(), route.GetProperty("receiver").GetString());
    }

    [Fact]
    public async Task Template_EnabledWithoutReceivers_FailsNamingThem()
    {
        var result = await Chart.TemplateAsync(Chart.Defaults, "--set", "alertmanagerConfig.enabled=true");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("alertmanagerConfig.critical and alertmanagerConfig.warning", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Template_Defaults_NoAlertmanagerConfig()
    {
        var objects = await Chart.RenderObjectsAsync(Chart.Defaults);

        Assert.DoesNotContain(objects, o => o.GetProperty("kind").GetString() == "AlertmanagerConfig");
    }

    private static List<string> Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    /// <summary>AlertmanagerConfig matchers in the configuration file's form: <c>name=~"value"</c>.</summary>
    private static List<string> Matchers(JsonElement array) =>
        [.. array.EnumerateArray().Select(m => $"{m.GetProperty("name").GetString()}{m.GetProperty("matchType").GetString()}\"{m.GetProperty("value").GetString()}\"")];
}
