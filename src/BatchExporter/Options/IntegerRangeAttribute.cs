namespace BatchExporter.Options;

/// <summary>A whole number between <c>Minimum</c> and <c>Maximum</c>.</summary>
internal sealed class IntegerRangeAttribute(int minimum, int maximum = int.MaxValue) : OptionRuleAttribute
{
    protected override string? Check(object? value, string key) =>
        value is not int number || (number >= minimum && number <= maximum) ? null
        : maximum == int.MaxValue ? $"{key} must be at least {minimum} (got {number})"
        : $"{key} must be between {minimum} and {maximum} (got {number})";
}
