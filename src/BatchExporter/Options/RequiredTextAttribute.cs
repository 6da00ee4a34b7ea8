namespace BatchExporter.Options;

/// <summary>A text that is set and not blank.</summary>
internal sealed class RequiredTextAttribute : OptionRuleAttribute
{
    protected override string? Check(object? value, string key) =>
        string.IsNullOrWhiteSpace(value as string) ? $"{key} is required" : null;
}
