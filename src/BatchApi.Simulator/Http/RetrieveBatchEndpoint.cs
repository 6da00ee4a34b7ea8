using BatchApi.Simulator.Json;

namespace BatchApi.Simulator.Http;

/// <summary><c>GET /v1/messages/batches/{id}</c>.</summary>
internal static class RetrieveBatchEndpoint
{
    public static ApiResponse Produce(ApiCall call)
    {
        var id = (string)call.Context.Request.RouteValues["id"]!;
        var batch = call.Workspace.Find(id);
        return batch is null
            ? call.NotFound($"No message batch with id {id}")
            : ApiResponse.Json(200, w => BatchJson.WriteBatch(w, batch, call.Shape, call.Timestamps));
    }
}
