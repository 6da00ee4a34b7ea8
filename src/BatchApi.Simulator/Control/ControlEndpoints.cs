using BatchApi.Simulator.Http;
using BatchApi.Simulator.Json;
using BatchApi.Simulator.State;

namespace BatchApi.Simulator.Control;

/// <summary>
/// Unauthenticated <c>/_sim</c> endpoints to drive a standalone simulator: faults, request log, batches, workspaces.
/// Bad input answers 400 with <c>{"error": "…"}</c>; an unknown batch or workspace 404.
/// </summary>
internal static class ControlEndpoints
{
    public static void MapSimulatorControl(this IEndpointRouteBuilder endpoints, BatchSimulator simulator)
    {
        endpoints.MapGet("/_sim", Handle(_ => ApiResponse.Text(200, ControlHelp.Text, "text/plain; charset=utf-8")));
        endpoints.MapGet("/_sim/log", Handle(context =>
        {
            string? endpoint = context.Request.Query["endpoint"];
            var entries = simulator.Log.Entries.Where(e => string.IsNullOrEmpty(endpoint) || e.Endpoint == endpoint);
            return ApiResponse.Json(200, w => LogJson.Write(w, entries));
        }));
        endpoints.MapDelete("/_sim/log", Handle(_ => Done(simulator.Log.Clear)));
        endpoints.MapPost("/_sim/faults", Handle(context =>
        {
            var (fault, count, endpoint) = FaultQuery.Parse(context.Request.Query);
            simulator.Faults.Enqueue(fault, count, endpoint);
            return Ok("pending", simulator.Faults.Pending);
        }));
        endpoints.MapDelete("/_sim/faults", Handle(_ => Done(simulator.Faults.Clear)));
        endpoints.MapPost("/_sim/workspaces", Handle(context =>
            Ok("workspace", simulator.AddWorkspace(context.Request.Query["id"].ToString()).Id)));
        endpoints.MapPost("/_sim/batches", Handle(context =>
        {
            var query = context.Request.Query;
            var plan = new BatchPlan(
                TimeSpan.FromSeconds(FaultQuery.Number(query, "duration", 60)),
                FaultQuery.Number(query, "errored", 0),
                FaultQuery.Number(query, "expired", 0));
            DateTimeOffset? createdAt = query.ContainsKey("age") ? simulator.Time.GetUtcNow() - TimeSpan.FromSeconds(FaultQuery.Number(query, "age", 0)) : null;
            return Batch(WorkspaceOf(simulator, context).CreateBatch((int)FaultQuery.Number(query, "requests", 100), plan, createdAt));
        }));
        endpoints.MapPost("/_sim/batches/{id}/cancel", Handle(context => Batch(WorkspaceOf(simulator, context).Cancel(IdOf(context)))));
        endpoints.MapPost("/_sim/batches/{id}/archive", Handle(context =>
        {
            var workspace = WorkspaceOf(simulator, context);
            workspace.Archive(IdOf(context));
            return Batch(workspace.Get(IdOf(context)));
        }));
        endpoints.MapDelete("/_sim/batches/{id}", Handle(context => Done(() => WorkspaceOf(simulator, context).Delete(IdOf(context)))));
    }

    private static RequestDelegate Handle(Func<HttpContext, ApiResponse> produce) => context =>
    {
        ApiResponse response;
        try
        {
            response = produce(context);
        }
        catch (KeyNotFoundException e)
        {
            response = Problem(404, e.Message);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            response = Problem(400, e.Message);
        }

        return response.WriteAsync(context.Response, context.RequestAborted);
    };

    private static SimulatedWorkspace WorkspaceOf(BatchSimulator simulator, HttpContext context) =>
        context.Request.Query["workspace"].ToString() is { Length: > 0 } id ? simulator.Workspace(id) : simulator.DefaultWorkspace;

    private static string IdOf(HttpContext context) => (string)context.Request.RouteValues["id"]!;

    private static ApiResponse Batch(BatchView batch) =>
        ApiResponse.Json(200, w => BatchJson.WriteBatch(w, batch, default, new TimestampFormatter([6])));

    private static ApiResponse Done(Action action)
    {
        action();
        return ApiResponse.Json(200, static w =>
        {
            w.WriteStartObject();
            w.WriteBoolean("ok", true);
            w.WriteEndObject();
        });
    }

    private static ApiResponse Ok(string name, object value) => ApiResponse.Json(200, w =>
    {
        w.WriteStartObject();
        w.WriteBoolean("ok", true);
        if (value is int number)
        {
            w.WriteNumber(name, number);
        }
        else
        {
            w.WriteString(name, value.ToString());
        }

        w.WriteEndObject();
    });

    private static ApiResponse Problem(int statusCode, string message) => ApiResponse.Json(statusCode, w =>
    {
        w.WriteStartObject();
        w.WriteString("error", message);
        w.WriteEndObject();
    });
}
