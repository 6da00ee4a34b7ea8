using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace BatchExporter.Options;

/// <summary>
/// The <c>Exporter</c> section as the binder reads it. The (source-generated) binder parses a <see cref="TimeSpan"/>
/// with <see cref="TimeSpan.Parse(string, IFormatProvider)"/> only and has no hook for another form, so this view
/// hands it every duration key (<see cref="ExporterOptions.DurationKeys"/>) in TimeSpan form, whichever form the
/// configuration wrote; any other value passes through untouched. A duration in neither form fails the binding
/// with a message naming the key.
/// </summary>
internal sealed class DurationConfigurationSection : IConfigurationSection
{
    private readonly IConfigurationSection _inner;
    private readonly bool _isDuration;

    private DurationConfigurationSection(IConfigurationSection inner, bool isDuration)
    {
        _inner = inner;
        _isDuration = isDuration;
    }

    public string Key => _inner.Key;

    public string Path => _inner.Path;

    public string? Value
    {
        get => _isDuration && _inner.Value is { } text ? ToTimeSpanForm(Path, text) : _inner.Value;
        set => _inner.Value = value;
    }

    public string? this[string key]
    {
        get => GetSection(key).Value;
        set => _inner[key] = value;
    }

    /// <summary>The <c>Exporter</c> section of <paramref name="configuration"/>, durations in TimeSpan form.</summary>
    public static IConfigurationSection Of(IConfiguration configuration) =>
        new DurationConfigurationSection(configuration.GetSection(ExporterOptions.Section), isDuration: false);

    public IConfigurationSection GetSection(string key) => Wrap(_inner.GetSection(key));

    public IEnumerable<IConfigurationSection> GetChildren() => _inner.GetChildren().Select(Wrap);

    public IChangeToken GetReloadToken() => _inner.GetReloadToken();

    private IConfigurationSection Wrap(IConfigurationSection child)
    {
        // A duration key, or an item of a duration list (ExpiringWithin:0): the first key below the section decides.
        var relative = child.Path[(ExporterOptions.Section.Length + 1)..];
        var first = relative.Split(ConfigurationPath.KeyDelimiter)[0];
        return new DurationConfigurationSection(child, ExporterOptions.DurationKeys.Contains(first, StringComparer.OrdinalIgnoreCase));
    }

    private static string ToTimeSpanForm(string path, string text) =>
        DurationFormat.TryParse(text, out var value)
            ? value.ToString("c", CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"{path} must be a duration such as 30s, 5m, 1h30m, 7d or 00:05:00 (got '{text}')");
}
