using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using BatchExporter.Hosting;
using BatchExporter.Options;

namespace BatchExporter.Tests;

/// <summary>
/// The configuration table (docs/configuration.md) against the code, both ways: every key the code binds (the options classes,
/// the <c>ANTHROPIC_*</c> variables, <c>--demo</c>) is a row, every row is a key the code binds (exact names, no
/// prefix matches), and each row's default is the options' actual default. Durations compare as values, written
/// either as .NET <c>TimeSpan</c>s (<c>00:01:00</c>) or as Prometheus durations (<c>1m</c>, <c>7d</c>, <c>1h30m</c>).
/// </summary>
public sealed partial class ReadmeConfigurationTests
{
    /// <summary>Rows for settings of the framework (listen address, TLS, logging), not of the exporter's options: their defaults are .NET's.</summary>
    private static readonly string[] FrameworkKeys = ["--urls", "ASPNETCORE_URLS", "Kestrel__", "Logging__"];

    /// <summary>Defaults that are another key: a source without a base URL takes <c>ANTHROPIC_BASE_URL</c>'s.</summary>
    private static readonly Dictionary<string, string> FallsBackTo = new(StringComparer.Ordinal)
    {
        ["Exporter__Sources__N__BaseUrl"] = ExporterOptionsSetup.BaseUrlVariable,
    };

    [Fact]
    public void ConfigurationTable_KeysEqualTheKeysTheCodeBinds()
    {
        var documented = Rows().Select(r => r.Key).Where(k => !IsFrameworkKey(k)).ToList();

        Assert.Equal(documented.Distinct().Count(), documented.Count); // no key twice
        Assert.Equal(BoundKeys().Keys.Order(StringComparer.Ordinal), documented.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ConfigurationTable_DefaultsEqualTheOptionsDefaults()
    {
        var bound = BoundKeys();
        foreach (var row in Rows().Where(r => bound.ContainsKey(r.Key)))
        {
            var expected = bound[row.Key];
            if (FallsBackTo.TryGetValue(row.Key, out var fallback))
            {
                Assert.True(row.Default == fallback, $"{row.Key}: README default '{row.Default}', expected `{fallback}`");
                continue;
            }

            switch (expected)
            {
                case null:
                    Assert.True(row.Default is null, $"{row.Key}: README default '{row.Default}', but the option has none");
                    break;
                case TimeSpan duration:
                    Assert.True(row.Default is not null && ParseDuration(row.Default) == duration, $"{row.Key}: README default '{row.Default}', option default {duration:c}");
                    break;
                case bool flag:
                    Assert.True(row.Default is not null && bool.Parse(row.Default) == flag, $"{row.Key}: README default '{row.Default}', option default {flag}");
                    break;
                case int number:
                    Assert.True(row.Default == number.ToString(CultureInfo.InvariantCulture), $"{row.Key}: README default '{row.Default}', option default {number}");
                    break;
                case string text:
                    Assert.True(row.Default == text, $"{row.Key}: README default '{row.Default}', option default '{text}'");
                    break;
                case TimeSpan[] durations:
                    Assert.Equal(durations, row.Defaults.Select(ParseDuration));
                    break;
                default:
                    Assert.Fail($"{row.Key}: no comparison for a default of type {expected.GetType().Name}");
                    break;
            }
        }
    }

    [Theory]
    [InlineData("00:01:00", 60)]
    [InlineData("7.00:00:00", 604_800)]
    [InlineData("1m", 60)]
    [InlineData("7d", 604_800)]
    [InlineData("1h30m", 5_400)]
    [InlineData("90s", 90)]
    [InlineData("1w", 604_800)]
    public void ParseDuration_TimeSpanOrPrometheusForm_SameValue(string text, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), ParseDuration(text));

    /// <summary>
    /// Every key the code binds, with its default: the properties of <see cref="ExporterOptions"/> (nested classes
    /// as <c>Exporter__Shard__Index</c>, lists as <c>__N</c>), the variables <see cref="ExporterOptionsSetup"/> reads,
    /// and <c>--demo</c>. A default is the value of a new options object, or null when it has none.
    /// </summary>
    private static Dictionary<string, object?> BoundKeys()
    {
        var keys = new Dictionary<string, object?>(StringComparer.Ordinal);
        var defaults = new ExporterOptions();
        keys[ExporterHost.DemoFlag] = null; // a command-line flag, off unless given
        foreach (var property in Settable(typeof(ExporterOptions)))
        {
            var key = $"Exporter__{property.Name}";
            var type = property.PropertyType;
            if (property.Name == nameof(ExporterOptions.ExpiringWithin))
            {
                keys[$"{key}__N"] = ExporterOptions.DefaultExpiringWithin;
            }
            else if (type == typeof(IList<SourceOptions>))
            {
                var source = new SourceOptions();
                foreach (var p in Settable(typeof(SourceOptions)))
                {
                    keys[$"{key}__N__{p.Name}"] = Default(p, source);
                }
            }
            else if (type.IsClass && type != typeof(string))
            {
                var nested = property.GetValue(defaults)!;
                foreach (var p in Settable(type))
                {
                    keys[$"{key}__{p.Name}"] = Default(p, nested);
                }
            }
            else
            {
                keys[key] = Default(property, defaults);
            }
        }

        keys[ExporterOptionsSetup.ApiKeyVariable] = null;
        keys[ExporterOptionsSetup.ApiKeyFileVariable] = null;
        keys[ExporterOptionsSetup.BaseUrlVariable] = ExporterOptionsSetup.DefaultBaseUrl;
        keys[ExporterOptionsSetup.WorkspaceIdVariable] = null;
        Assert.Equal(4, typeof(ExporterOptionsSetup).GetFields().Count(f => f.IsLiteral && f.Name.EndsWith("Variable", StringComparison.Ordinal)));
        return keys;
    }

    private static IEnumerable<PropertyInfo> Settable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true });

    private static object? Default(PropertyInfo property, object instance) =>
        property.GetValue(instance) switch
        {
            string s when s.Length == 0 => null,
            var value => value,
        };

    private static bool IsFrameworkKey(string key) => FrameworkKeys.Any(f => key.StartsWith(f, StringComparison.Ordinal));

    /// <summary>
    /// One entry per key of the table. A cell may name several keys (<c>`A`, `B`</c>), or a key and a sibling
    /// written from its last <c>__</c> (<c>`…__ApiKey` / `__ApiKeyFile`</c>); defaults pair with keys in order when
    /// the counts match. A default cell made only of backticked values (<c>`1m`</c>, <c>`0`, `1`</c>) gives them; any
    /// other (empty, "off", "required unless `--demo` …") says the option has no default value.
    /// </summary>
    private static List<Row> Rows()
    {
        var rows = new List<Row>();
        foreach (var line in Section("## Configuration").Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal)))
        {
            var cells = line.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            var keys = new List<string>();
            foreach (var token in Code().Matches(cells[0]).Select(m => m.Groups[1].Value))
            {
                keys.Add(token.StartsWith("__", StringComparison.Ordinal) || token.StartsWith('…')
                    ? keys[^1][..keys[^1].LastIndexOf("__", StringComparison.Ordinal)] + token.TrimStart('…')
                    : token);
            }

            var defaults = ValuesOnly().IsMatch(cells[1]) ? Code().Matches(cells[1]).Select(m => m.Groups[1].Value).ToArray() : [];
            for (var i = 0; i < keys.Count; i++)
            {
                var own = defaults.Length == keys.Count && keys.Count > 1 ? [defaults[i]] : defaults;
                rows.Add(new Row(keys[i], own));
            }
        }

        Assert.NotEmpty(rows);
        return rows;
    }

    /// <summary>Parses <c>[d.]hh:mm:ss</c> or a Prometheus duration (<c>1h30m</c>, <c>7d</c>, <c>90s</c>, <c>500ms</c>, <c>1w</c>).</summary>
    private static TimeSpan ParseDuration(string text)
    {
        if (TimeSpan.TryParseExact(text, "c", CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        var match = PrometheusDurationForm().Match(text);
        Assert.True(match.Success, $"'{text}' is neither a TimeSpan nor a Prometheus duration");
        var total = TimeSpan.Zero;
        foreach (Capture part in match.Groups["part"].Captures)
        {
            var unitStart = part.Value.IndexOfAny([.. "smhdwy"]);
            var amount = long.Parse(part.Value[..unitStart], CultureInfo.InvariantCulture);
            total += part.Value[unitStart..] switch
            {
                "ms" => TimeSpan.FromMilliseconds(amount),
                "s" => TimeSpan.FromSeconds(amount),
                "m" => TimeSpan.FromMinutes(amount),
                "h" => TimeSpan.FromHours(amount),
                "d" => TimeSpan.FromDays(amount),
                "w" => TimeSpan.FromDays(7 * amount),
                "y" => TimeSpan.FromDays(365 * amount),
                var unit => throw new FormatException($"unit {unit}"),
            };
        }

        return total;
    }

    private static string Section(string heading)
    {
        var readme = RepositoryRoot.Read("docs/configuration.md");
        var start = readme.IndexOf("\n" + heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"docs/configuration.md has no section {heading}");
        var end = readme.IndexOf("\n## ", start + heading.Length + 2, StringComparison.Ordinal);
        return end < 0 ? readme[start..] : readme[start..end];
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Code();

    [GeneratedRegex("^`[^`]+`(, *`[^`]+`)*$")]
    private static partial Regex ValuesOnly();

    [GeneratedRegex("^(?<part>[0-9]+(ms|s|m|h|d|w|y))+$")]
    private static partial Regex PrometheusDurationForm();

    private sealed record Row(string Key, string[] Defaults)
    {
        public string? Default => Defaults.Length == 1 ? Defaults[0] : null;
    }
}
