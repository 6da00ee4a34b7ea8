namespace BatchApi.Simulator.State;

/// <summary>The wire values of <c>processing_status</c>.</summary>
public static class BatchStatus
{
    public const string InProgress = "in_progress";
    public const string Canceling = "canceling";
    public const string Ended = "ended";
}
