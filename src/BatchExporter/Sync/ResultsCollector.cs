using BatchExporter.Api;

namespace BatchExporter.Sync;

/// <summary>
/// Downloads the results of the batches one source saw end, each once, after that source's syncs and only while its
/// budget has room, so results never delay a listing. A failed or interrupted download is retried after a later
/// sync and nothing of it is counted; after <see cref="MaxAttempts"/> failures, or when the API no longer has the
/// results (404), the batch is skipped and the skip is reported.
/// </summary>
internal sealed class ResultsCollector(ApiSource source, BatchApiClient client, IEnumerable<IResultsObserver> observers, ILogger logger)
{
    public const int MaxAttempts = 5;

    /// <summary>Batches waiting beyond this many are skipped as <c>queue_full</c>: ending faster than the budget can follow.</summary>
    public const int MaxPending = 10_000;

    private readonly Queue<(string Id, string? Url, int Attempts)> _pending = new();

    /// <summary>Queues the results of <paramref name="ended"/>, with each one's <c>results_url</c> when known.</summary>
    public void Enqueue(IEnumerable<TrackedBatch> ended, IReadOnlyDictionary<string, string>? resultsUrls = null)
    {
        foreach (var batch in ended)
        {
            if (_pending.Count >= MaxPending)
            {
                Report(new ResultsReport(source.Name, batch.Id, null, "queue_full"));
                continue;
            }

            _pending.Enqueue((batch.Id, resultsUrls?.GetValueOrDefault(batch.Id), 0));
        }
    }

    /// <summary>Downloads pending results while the budget's minute has a request to spare (each waits its turn in the pace); stops at the first failure.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        while (_pending.Count > 0 && source.Budget.HasRoom)
        {
            var (id, url, attempts) = _pending.Peek();
            ResultsTally? tally;
            try
            {
                tally = await client.DownloadResultsAsync(source, id, url, cancellationToken).ConfigureAwait(false);
            }
            catch (ApiException e)
            {
                _pending.Dequeue();
                Log.ResultsFailed(logger, source.Name, id, attempts + 1, e.Reason.ToLabel(), e.Message);
                if (attempts + 1 >= MaxAttempts)
                {
                    Report(new ResultsReport(source.Name, id, null, "failed"));
                }
                else
                {
                    _pending.Enqueue((id, url, attempts + 1)); // to the back: one bad file does not block the others
                }

                return;
            }

            _pending.Dequeue();
            Report(new ResultsReport(source.Name, id, tally, tally is null ? "not_found" : null));
        }
    }

    private void Report(ResultsReport report)
    {
        foreach (var observer in observers)
        {
            observer.OnResults(report);
        }
    }
}
