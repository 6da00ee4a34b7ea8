using System.Globalization;
using BatchApi.Simulator.Json;
using BatchApi.Simulator.State;

namespace BatchApi.Simulator.Http;

/// <summary><c>GET /v1/messages/batches</c>: newest first, <c>limit</c> 1..1000 (default 20), at most one of
/// <c>after_id</c> (older page) and <c>before_id</c> (newer page).</summary>
internal static class ListBatchesEndpoint
{
    private const int DefaultLimit = 20;
    private const int MaxLimit = 1000;

    public static ApiResponse Produce(ApiCall call)
    {
        var query = call.Context.Request.Query;
        string? afterId = NullIfEmpty(query["after_id"]);
        string? beforeId = NullIfEmpty(query["before_id"]);
        string? limitText = query["limit"];
        var limit = DefaultLimit;
        if (limitText is not null
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            return call.InvalidRequest($"limit: Input should be between 1 and {MaxLimit} (got {limitText})");
        }

        if (afterId is not null && beforeId is not null)
        {
            return call.InvalidRequest("Only one of after_id and before_id may be provided.");
        }

        var page = call.Workspace.Page(new PageRequest(limit, afterId, beforeId));
        if (page is null)
        {
            var name = afterId is null ? "before_id" : "after_id";
            return call.InvalidRequest($"{name}: no message batch with id {afterId ?? beforeId}");
        }

        return ApiResponse.Json(200, w => BatchJson.WritePage(w, page, afterId ?? beforeId, call.Shape, call.Timestamps));
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
