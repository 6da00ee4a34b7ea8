using BatchApi.Simulator.Faults;
using BatchApi.Simulator.Json;
using BatchApi.Simulator.State;

namespace BatchApi.Simulator.Http;

/// <summary>
/// What every API request goes through: request id, admission, fault, log, then the endpoint's response.
/// The log entry is written once the status is known and before anything is sent or delayed.
/// </summary>
internal sealed class ApiPipeline(BatchSimulator simulator, CancellationToken stopping)
{
    public RequestDelegate Endpoint(string name, Func<ApiCall, ApiResponse> produce) =>
        context => RunAsync(context, name, produce);

    private async Task RunAsync(HttpContext context, string endpoint, Func<ApiCall, ApiResponse> produce)
    {
        var time = simulator.Time.GetUtcNow();
        var wallTime = DateTimeOffset.UtcNow;
        var requestId = "req_01" + Base62.Random(Random.Shared, 22);
        context.Response.Headers["request-id"] = requestId;

        var (rejection, workspace) = ApiAdmission.Check(context.Request, simulator, requestId);
        var fault = rejection is null && ApiEndpointNames.IsApi(endpoint) ? simulator.Faults.TryTake(endpoint) : null;
        var response = rejection
            ?? FaultResponses.Replacement(fault, requestId, time)
            ?? produce(new ApiCall(context, workspace!, requestId, ResponseShape.From(fault),
                new TimestampFormatter(simulator.Options.TimestampFractionDigits), simulator.Options.ResultTextLength));
        if (fault?.Kind == SimulatedFaultKind.Truncated)
        {
            response = response.Truncated();
        }

        var hangs = fault?.Kind == SimulatedFaultKind.Hang;
        simulator.Log.Add(RequestRecorder.Entry(context.Request, endpoint, time, wallTime, hangs ? 0 : response.StatusCode, hangs ? 0 : response.KnownLength));

        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        try
        {
            if (hangs)
            {
                await Task.Delay(Timeout.Infinite, cancellation.Token);
            }

            if (fault?.Kind == SimulatedFaultKind.Slow)
            {
                await Task.Delay(fault.Delay, cancellation.Token);
            }

            await response.WriteAsync(context.Response, cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            context.Abort();
        }
    }
}
