namespace BatchExporter.Api;

/// <summary>What one batch's results file holds, summed: result types, errors by API error type, tokens by model and kind.</summary>
internal sealed class ResultsTally
{
    public long Succeeded { get; private set; }

    public long Errored { get; private set; }

    public long Canceled { get; private set; }

    public long Expired { get; private set; }

    /// <summary>Gets the lines whose result type this reader does not know (the API adds types over time).</summary>
    public long Other { get; private set; }

    /// <summary>The <c>error_type</c> label under which lines of an unknown result type are counted.</summary>
    public const string OtherLabel = "other";

    public Dictionary<string, long> ErrorsByType { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets tokens by model and kind (input, output, cache_creation, cache_read).</summary>
    public Dictionary<(string Model, string Kind), long> Tokens { get; } = [];

    public void Add(ResultLine line)
    {
        var result = line.Result ?? throw new System.Text.Json.JsonException("result line without result");
        switch (result.Type)
        {
            case "succeeded":
                Succeeded++;
                var model = result.Message?.Model ?? "unknown";
                if (result.Message?.Usage is { } usage)
                {
                    AddTokens(model, "input", usage.InputTokens);
                    AddTokens(model, "output", usage.OutputTokens);
                    AddTokens(model, "cache_creation", usage.CacheCreationInputTokens);
                    AddTokens(model, "cache_read", usage.CacheReadInputTokens);
                }

                break;
            case "errored":
                Errored++;
                // The API nests the error object: {"type":"error","error":{"type":"invalid_request_error",…}}.
                var type = result.Error?.Error?.Type ?? result.Error?.Type ?? "unknown";
                ErrorsByType[type] = ErrorsByType.GetValueOrDefault(type) + 1;
                break;
            case "canceled":
                Canceled++;
                break;
            case "expired":
                Expired++;
                break;
            default:
                // A result type added after this was written: data, not a reason to discard the file.
                Other++;
                ErrorsByType[OtherLabel] = ErrorsByType.GetValueOrDefault(OtherLabel) + 1;
                break;
        }
    }

    private void AddTokens(string model, string kind, long tokens)
    {
        if (tokens > 0)
        {
            Tokens[(model, kind)] = Tokens.GetValueOrDefault((model, kind)) + tokens;
        }
    }
}

/// <summary>One line of a results file (the fields the exporter reads).</summary>
internal sealed class ResultLine
{
    public ResultBody? Result { get; set; }
}

internal sealed class ResultBody
{
    public string? Type { get; set; }

    public ResultError? Error { get; set; }

    public ResultMessage? Message { get; set; }
}

internal sealed class ResultError
{
    public string? Type { get; set; }

    public ResultError? Error { get; set; }
}

internal sealed class ResultMessage
{
    public string? Model { get; set; }

    public ResultUsage? Usage { get; set; }
}

internal sealed class ResultUsage
{
    public long InputTokens { get; set; }

    public long OutputTokens { get; set; }

    public long CacheCreationInputTokens { get; set; }

    public long CacheReadInputTokens { get; set; }
}
