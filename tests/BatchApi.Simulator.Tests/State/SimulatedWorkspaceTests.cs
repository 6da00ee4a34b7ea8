using BatchApi.Simulator.State;
using Microsoft.Extensions.Time.Testing;

namespace BatchApi.Simulator.Tests.State;

public sealed class SimulatedWorkspaceTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);
    private readonly BatchSimulator _simulator;

    public SimulatedWorkspaceTests() => _simulator = new BatchSimulator(_time, new SimulatorOptions { ApiKey = "k", CancelDelay = TimeSpan.FromSeconds(30) });

    private SimulatedWorkspace Workspace => _simulator.DefaultWorkspace;

    [Fact]
    public void CreateBatch_Default_IsInProgressWithEveryRequestProcessing()
    {
        var batch = Workspace.CreateBatch(10);

        Assert.Matches("^msgbatch_[0-9A-Za-z]{24}$", batch.Id);
        Assert.Equal(BatchStatus.InProgress, batch.ProcessingStatus);
        Assert.Equal(new RequestCountsView(10, 0, 0, 0, 0), batch.Counts);
        Assert.Equal(Start, batch.CreatedAt);
        Assert.Equal(Start.AddHours(24), batch.ExpiresAt);
        Assert.Null(batch.EndedAt);
        Assert.Null(batch.CancelInitiatedAt);
        Assert.Null(batch.ArchivedAt);
        Assert.Null(batch.ResultsUrl);
        Assert.Equal(10, batch.Size);
    }

    [Fact]
    public void CreateBatch_JustBeforePlanElapses_CountsStayProcessing()
    {
        var batch = Workspace.CreateBatch(100, new BatchPlan(TimeSpan.FromMinutes(2), ErroredFraction: 0.1));

        _time.Advance(TimeSpan.FromMinutes(2) - TimeSpan.FromMicroseconds(1));

        var current = Workspace.Get(batch.Id);
        Assert.Equal(BatchStatus.InProgress, current.ProcessingStatus);
        Assert.Equal(new RequestCountsView(100, 0, 0, 0, 0), current.Counts);
    }

    [Fact]
    public void CreateBatch_PlanElapses_EndsAtDueTimeWithPlannedSplit()
    {
        var batch = Workspace.CreateBatch(100, new BatchPlan(TimeSpan.FromMinutes(2), ErroredFraction: 0.1, ExpiredFraction: 0.05));

        _time.Advance(TimeSpan.FromMinutes(5));

        var ended = Workspace.Get(batch.Id);
        Assert.Equal(BatchStatus.Ended, ended.ProcessingStatus);
        Assert.Equal(new RequestCountsView(0, 85, 10, 0, 5), ended.Counts);
        Assert.Equal(Start.AddMinutes(2), ended.EndedAt);
        Assert.Equal($"https://api.anthropic.com/v1/messages/batches/{batch.Id}/results", ended.ResultsUrl);
    }

    [Fact]
    public void CreateBatch_PlanLongerThanLifetime_ExpiresAtCreatedPlus24hWithUnprocessedExpired()
    {
        var batch = Workspace.CreateBatch(100, new BatchPlan(TimeSpan.FromHours(48), ErroredFraction: 0.1));

        _time.Advance(TimeSpan.FromHours(23));
        Assert.Equal(BatchStatus.InProgress, Workspace.Get(batch.Id).ProcessingStatus);
        _time.Advance(TimeSpan.FromHours(2));

        var ended = Workspace.Get(batch.Id);
        Assert.Equal(Start.AddHours(24), ended.EndedAt);
        Assert.Equal(new RequestCountsView(0, 45, 5, 0, 50), ended.Counts);
    }

    [Fact]
    public void CreateBatch_NeverFinishes_EveryRequestExpires()
    {
        var batch = Workspace.CreateBatch(7, BatchPlan.NeverFinishes);

        _time.Advance(TimeSpan.FromDays(2));

        Assert.Equal(new RequestCountsView(0, 0, 0, 0, 7), Workspace.Get(batch.Id).Counts);
    }

    [Fact]
    public void CreateBatch_CreatedInThePast_LifecycleCatchesUpAtOnce()
    {
        var batch = Workspace.CreateBatch(3, BatchPlan.Default, Start.AddHours(-2));

        Assert.Equal(BatchStatus.Ended, batch.ProcessingStatus);
        Assert.Equal(Start.AddHours(-2).AddMinutes(1), batch.EndedAt);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100_001)]
    public void CreateBatch_SizeOutOfRange_Throws(int size) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Workspace.CreateBatch(size));

    [Fact]
    public void CreateBatch_CreatedInTheFuture_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Workspace.CreateBatch(1, createdAt: Start.AddSeconds(1)));

    [Fact]
    public void CreateBatch_FractionsAboveOne_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Workspace.CreateBatch(1, new BatchPlan(TimeSpan.FromMinutes(1), 0.6, 0.6)));

    [Fact]
    public void CreateBatch_SubMicrosecondClock_TimestampsKeepMicroseconds()
    {
        _time.Advance(TimeSpan.FromTicks(1234567));

        var batch = Workspace.CreateBatch(1);

        Assert.Equal(0, batch.CreatedAt.Ticks % TimeSpan.TicksPerMicrosecond);
        Assert.Equal(Start.AddTicks(1234560), batch.CreatedAt);
    }

    [Fact]
    public void Cancel_InProgress_CancelingUntilDelayThenUnprocessedCanceled()
    {
        var batch = Workspace.CreateBatch(100, new BatchPlan(TimeSpan.FromMinutes(10), ErroredFraction: 0.1));
        _time.Advance(TimeSpan.FromMinutes(4));

        var canceling = Workspace.Cancel(batch.Id);
        _time.Advance(TimeSpan.FromSeconds(29));
        var stillCanceling = Workspace.Get(batch.Id);
        _time.Advance(TimeSpan.FromSeconds(1));
        var ended = Workspace.Get(batch.Id);

        Assert.Equal(BatchStatus.Canceling, canceling.ProcessingStatus);
        Assert.Equal(Start.AddMinutes(4), canceling.CancelInitiatedAt);
        Assert.Equal(new RequestCountsView(100, 0, 0, 0, 0), stillCanceling.Counts);
        Assert.Equal(BatchStatus.Canceling, stillCanceling.ProcessingStatus);
        Assert.Equal(BatchStatus.Ended, ended.ProcessingStatus);
        Assert.Equal(Start.AddMinutes(4).AddSeconds(30), ended.EndedAt);
        Assert.Equal(new RequestCountsView(0, 36, 4, 60, 0), ended.Counts);
        Assert.Equal(Start.AddMinutes(4), ended.CancelInitiatedAt);
    }

    [Fact]
    public void Cancel_AfterPlannedEnd_StillWaitsForCancelDelay()
    {
        var batch = Workspace.CreateBatch(10, new BatchPlan(TimeSpan.FromMinutes(1)));
        _time.Advance(TimeSpan.FromSeconds(50));
        Workspace.Cancel(batch.Id);

        _time.Advance(TimeSpan.FromSeconds(15));

        Assert.Equal(BatchStatus.Canceling, Workspace.Get(batch.Id).ProcessingStatus);
    }

    [Fact]
    public void Cancel_Ended_Throws()
    {
        var batch = Workspace.CreateBatch(1);
        _time.Advance(TimeSpan.FromMinutes(2));

        Assert.Throws<InvalidOperationException>(() => Workspace.Cancel(batch.Id));
    }

    [Fact]
    public void Cancel_Unknown_ThrowsKeyNotFound() =>
        Assert.Throws<KeyNotFoundException>(() => Workspace.Cancel("msgbatch_nope"));

    [Fact]
    public void EndNow_ValidSplit_EndsNowWithThatSplit()
    {
        var batch = Workspace.CreateBatch(10, BatchPlan.NeverFinishes);
        _time.Advance(TimeSpan.FromSeconds(5));

        var ended = Workspace.EndNow(batch.Id, succeeded: 6, errored: 2, canceled: 1, expired: 1);

        Assert.Equal(new RequestCountsView(0, 6, 2, 1, 1), ended.Counts);
        Assert.Equal(Start.AddSeconds(5), ended.EndedAt);
        Assert.Equal(ended, Workspace.Get(batch.Id));
    }

    [Fact]
    public void EndNow_CountsNotAddingUp_Throws()
    {
        var batch = Workspace.CreateBatch(10);

        Assert.Throws<ArgumentException>(() => Workspace.EndNow(batch.Id, 5, 4));
    }

    [Fact]
    public void EndNow_AlreadyEnded_Throws()
    {
        var batch = Workspace.CreateBatch(2);
        Workspace.EndNow(batch.Id, 2, 0);

        Assert.Throws<InvalidOperationException>(() => Workspace.EndNow(batch.Id, 2, 0));
    }

    [Fact]
    public void Delete_Ended_RemovesFromListGetAndCount()
    {
        var kept = Workspace.CreateBatch(1);
        var deleted = Workspace.CreateBatch(1);
        Workspace.EndNow(deleted.Id, 1, 0);

        Workspace.Delete(deleted.Id);

        Assert.Equal([kept.Id], Workspace.List().Select(b => b.Id));
        Assert.Equal(1, Workspace.Count);
        Assert.Throws<KeyNotFoundException>(() => Workspace.Get(deleted.Id));
    }

    [Fact]
    public void Delete_InProgress_Throws()
    {
        var batch = Workspace.CreateBatch(1);

        Assert.Throws<InvalidOperationException>(() => Workspace.Delete(batch.Id));
    }

    [Fact]
    public void Archive_Ended_SetsArchivedAtToNow()
    {
        var batch = Workspace.CreateBatch(1);
        _time.Advance(TimeSpan.FromHours(1));

        Workspace.Archive(batch.Id);

        Assert.Equal(Start.AddHours(1), Workspace.Get(batch.Id).ArchivedAt);
    }

    [Fact]
    public void List_OutOfOrderCreation_NewestFirstByCreationTime()
    {
        _time.Advance(TimeSpan.FromHours(1));
        var middle = Workspace.CreateBatch(1, createdAt: Start.AddMinutes(30));
        var newest = Workspace.CreateBatch(1);
        var oldest = Workspace.CreateBatch(1, createdAt: Start);

        Assert.Equal([newest.Id, middle.Id, oldest.Id], Workspace.List().Select(b => b.Id));
    }

    [Fact]
    public void CreateBatch_SameSeed_SameIds()
    {
        var other = new BatchSimulator(new FakeTimeProvider(Start), new SimulatorOptions { Seed = 1 });
        var third = new BatchSimulator(new FakeTimeProvider(Start), new SimulatorOptions { Seed = 2 });

        var ids = Enumerable.Range(0, 5).Select(_ => Workspace.CreateBatch(1).Id).ToList();

        Assert.Equal(ids, Enumerable.Range(0, 5).Select(_ => other.DefaultWorkspace.CreateBatch(1).Id));
        Assert.NotEqual(ids, Enumerable.Range(0, 5).Select(_ => third.DefaultWorkspace.CreateBatch(1).Id));
    }
}
