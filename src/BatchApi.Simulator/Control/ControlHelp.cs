namespace BatchApi.Simulator.Control;

/// <summary>The plain-text help served at <c>GET /_sim</c>.</summary>
internal static class ControlHelp
{
    public const string Text = """
        Anthropic Message Batches API simulator: control endpoints (no authentication)
          GET    /_sim/log[?endpoint=list|retrieve|results]   requests served (key headers removed)
          DELETE /_sim/log                                     clear the log
          POST   /_sim/faults?kind=K&count=N[&endpoint=E]      queue a fault for the next N matching responses
                 K = rate_limited[&retry_after=S] | server_error | overloaded | error&status=403&type=permission_error
                   | slow[&delay=S] | hang | truncated | malformed | pagination_loop | unknown_status[&status=V]
                   | extra_fields | billing_error (402) | request_too_large (413) | timeout_error (504)
                   | spend_limit (429 enforced_spend_limit_reached, no retry-after) | unknown_result_type[&type=T]
          DELETE /_sim/faults                                  clear queued faults
          POST   /_sim/workspaces?id=W                         add a workspace (header anthropic-workspace-id: W)
          POST   /_sim/batches?requests=N&duration=S[&errored=F&expired=F][&age=S][&workspace=W]   create a batch (age: created S seconds ago)
          POST   /_sim/batches/{id}/cancel[?workspace=W]       cancel an in-progress batch
          POST   /_sim/batches/{id}/archive[?workspace=W]      archive an ended batch
          DELETE /_sim/batches/{id}[?workspace=W]              delete an ended batch

        """;
}
