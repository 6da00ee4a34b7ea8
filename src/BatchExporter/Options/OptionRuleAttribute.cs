using System.ComponentModel.DataAnnotations;

namespace BatchExporter.Options;

/// <summary>
/// A rule on one option, checked by the source-generated <see cref="ExporterOptionsFieldValidator"/>, whose failure
/// names the configuration key (<c>Exporter:Sources:0:Name</c>) and the offending value. The built-in attributes
/// cannot: the generator replaces <see cref="RangeAttribute"/> by a copy that ignores <c>ErrorMessage</c>, names the
/// member as <c>ExporterOptions.Sources[0].Name</c>, and <c>[Range(typeof(TimeSpan), …)]</c> is not trim-safe.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal abstract class OptionRuleAttribute : ValidationAttribute
{
    public override bool RequiresValidationContext => true;

    /// <summary>
    /// The configuration key of the member the generator names <paramref name="displayName"/>:
    /// <c>ExporterOptions.Sources[0].Name</c> becomes <c>Exporter:Sources:0:Name</c>.
    /// </summary>
    public static string ConfigurationKey(string displayName)
    {
        var key = displayName.StartsWith(nameof(ExporterOptions) + ".", StringComparison.Ordinal)
            ? ExporterOptions.Section + displayName[nameof(ExporterOptions).Length..]
            : displayName;
        return key.Replace('.', ':').Replace("[", ":", StringComparison.Ordinal).Replace("]", string.Empty, StringComparison.Ordinal);
    }

    /// <summary>Returns null when <paramref name="value"/> keeps the rule, else the failure as one line that starts with <paramref name="key"/>.</summary>
    protected abstract string? Check(object? value, string key);

    protected sealed override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        Check(value, ConfigurationKey(validationContext.DisplayName)) is { } failure ? new ValidationResult(failure) : ValidationResult.Success;
}
