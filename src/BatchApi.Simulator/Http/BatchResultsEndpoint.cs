using BatchApi.Simulator.Json;

namespace BatchApi.Simulator.Http;

/// <summary>
/// <c>GET /v1/messages/batches/{id}/results</c>: the JSONL results of an ended batch; 404 for an unknown or
/// archived batch, 400 while it is still processing.
/// </summary>
internal static class BatchResultsEndpoint
{
    public static ApiResponse Produce(ApiCall call)
    {
        var id = (string)call.Context.Request.RouteValues["id"]!;
        var batch = call.Workspace.Find(id);
        if (batch is null)
        {
            return call.NotFound($"No message batch with id {id}");
        }

        if (batch.EndedAt is null)
        {
            return call.InvalidRequest($"Message batch {id} has not finished processing; its results are not available yet.");
        }

        return batch.ArchivedAt is not null
            ? call.NotFound($"The results of message batch {id} have been archived.")
            : ApiResponse.Streamed(200, "application/binary", (body, stopHalfWay, ct) =>
                ResultsJsonl.WriteAsync(batch, call.TextLength, body, stopHalfWay, ct, call.Shape.UnknownResultType));
    }
}
