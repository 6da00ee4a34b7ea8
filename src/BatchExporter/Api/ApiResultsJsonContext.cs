using System.Text.Json.Serialization;

namespace BatchExporter.Api;

/// <summary>Source-generated JSON for results lines; everything but result type, error type, model and usage is skipped.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ResultLine))]
internal sealed partial class ApiResultsJsonContext : JsonSerializerContext;
