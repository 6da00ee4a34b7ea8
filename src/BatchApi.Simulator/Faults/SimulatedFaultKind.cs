namespace BatchApi.Simulator.Faults;

/// <summary>What a <see cref="SimulatedFault"/> does to a response.</summary>
public enum SimulatedFaultKind
{
    /// <summary>An API error status with the error JSON (and <c>retry-after</c> when set).</summary>
    Error,

    /// <summary>The normal response, after a real-time delay.</summary>
    Slow,

    /// <summary>No response until the client gives up (or the server stops).</summary>
    Hang,

    /// <summary>Status 200 with the normal body cut in the middle (Content-Length matches the cut body).</summary>
    Truncated,

    /// <summary>Status 200 with a body that is not JSON.</summary>
    Malformed,

    /// <summary>List only: <c>has_more</c> true and <c>last_id</c> equal to the request's cursor.</summary>
    PaginationLoop,

    /// <summary>List and retrieve: every batch carries an unknown <c>processing_status</c>.</summary>
    UnknownStatus,

    /// <summary>List and retrieve: unknown fields at every level of the JSON.</summary>
    ExtraFields,

    /// <summary>Results only: every fifth line carries a result <c>type</c> the API has not documented yet.</summary>
    UnknownResultType,
}
