using BatchExporter.Api;

namespace BatchExporter.Sync;

/// <summary>Told about every results download that is final: read in full (once per batch), or given up.</summary>
internal interface IResultsObserver
{
    void OnResults(ResultsReport report);
}

/// <summary>One batch's results: the tally when read in full, else why they were skipped.</summary>
internal sealed record ResultsReport(string Workspace, string BatchId, ResultsTally? Tally, string? SkippedReason);
