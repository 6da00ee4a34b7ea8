namespace BatchApi.Simulator.State;

/// <summary>The <c>request_counts</c> of a batch.</summary>
public sealed record RequestCountsView(int Processing, int Succeeded, int Errored, int Canceled, int Expired)
{
    /// <summary>Number of requests in the batch (the sum of every count).</summary>
    public int Total => Processing + Succeeded + Errored + Canceled + Expired;

    internal static RequestCountsView AllProcessing(int size) => new(size, 0, 0, 0, 0);
}
