using System.Globalization;
using System.Text;

namespace BatchExporter.Tests.Infrastructure;

/// <summary>A parsed Prometheus text exposition: samples with labels, and the declared family types.</summary>
internal sealed class Exposition
{
    private Exposition(List<PromSample> samples, Dictionary<string, string> types, string text)
    {
        Samples = samples;
        Types = types;
        Text = text;
    }

    public IReadOnlyList<PromSample> Samples { get; }

    /// <summary>Gets the <c># TYPE</c> of each family.</summary>
    public IReadOnlyDictionary<string, string> Types { get; }

    public string Text { get; }

    public IEnumerable<PromSample> Named(string name) => Samples.Where(s => s.Name == name);

    /// <summary>The value of the one sample of <paramref name="name"/> whose labels include all of <paramref name="labels"/>.</summary>
    public double Value(string name, params (string Name, string Value)[] labels) =>
        Find(name, labels) is { } s ? s.Value : throw new InvalidOperationException($"no sample {name}{{{string.Join(",", labels.Select(l => $"{l.Name}={l.Value}"))}}} in:\n{Text}");

    public PromSample? Find(string name, params (string Name, string Value)[] labels) =>
        Named(name).SingleOrDefault(s => labels.All(l => s.Labels.TryGetValue(l.Name, out var v) && v == l.Value));

    public static Exposition Parse(string text)
    {
        var samples = new List<PromSample>();
        var types = new Dictionary<string, string>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                types[parts[2]] = parts[3];
                continue;
            }

            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            samples.Add(ParseSample(line));
        }

        return new Exposition(samples, types, text);
    }

    private static PromSample ParseSample(string line)
    {
        var labels = new Dictionary<string, string>();
        var brace = line.IndexOf('{');
        var space = line.IndexOf(' ');
        string name;
        int rest;
        if (brace >= 0 && brace < space)
        {
            name = line[..brace];
            var i = brace + 1;
            while (line[i] != '}')
            {
                var eq = line.IndexOf('=', i);
                var label = line[i..eq];
                i = eq + 2; // skip ="
                var value = new StringBuilder();
                while (line[i] != '"')
                {
                    if (line[i] == '\\')
                    {
                        i++;
                        value.Append(line[i] == 'n' ? '\n' : line[i]);
                    }
                    else
                    {
                        value.Append(line[i]);
                    }

                    i++;
                }

                labels[label] = value.ToString();
                i++; // closing quote
                if (line[i] == ',')
                {
                    i++;
                }
            }

            rest = i + 2;
        }
        else
        {
            name = line[..space];
            rest = space + 1;
        }

        var valueText = line[rest..].Split(' ')[0];
        var number = valueText switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            "NaN" => double.NaN,
            _ => double.Parse(valueText, CultureInfo.InvariantCulture),
        };
        return new PromSample(name, labels, number);
    }
}

internal sealed record PromSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);
