namespace BatchExporter.Options;

/// <summary>A duration (or each duration of a list) between <c>Minimum</c> and <c>Maximum</c>, both in Prometheus form.</summary>
internal sealed class DurationRangeAttribute(string minimum, string? maximum = null) : OptionRuleAttribute
{
    private readonly TimeSpan _minimum = Parse(minimum);
    private readonly TimeSpan _maximum = maximum is null ? TimeSpan.MaxValue : Parse(maximum);

    protected override string? Check(object? value, string key) => value switch
    {
        TimeSpan duration => CheckOne(duration, key),
        IEnumerable<TimeSpan> durations => durations.Select((d, i) => CheckOne(d, $"{key}:{i}")).FirstOrDefault(f => f is not null),
        _ => null,
    };

    private static TimeSpan Parse(string bound) =>
        DurationFormat.TryParse(bound, out var value) ? value : throw new ArgumentException($"not a duration: {bound}", nameof(bound));

    private string? CheckOne(TimeSpan value, string key) =>
        value >= _minimum && value <= _maximum ? null
        : maximum is null ? $"{key} must be at least {minimum} (got {DurationFormat.Format(value)})"
        : $"{key} must be between {minimum} and {maximum} (got {DurationFormat.Format(value)})";
}
