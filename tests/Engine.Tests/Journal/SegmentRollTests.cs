using Engine.Journal.Format;
using Engine.Journal.Verification;
using Engine.Journal.Writing;

namespace Engine.Tests.Journal;

/// <summary>
/// A segment roll in the middle of trading: in fused placement the appending thread is the
/// decision thread, so in every durability short of per-batch fsync it must never wait for the
/// disk. The next segment is made ready ahead of time on the finisher's thread.
/// </summary>
public sealed class SegmentRollTests
{
    [Theory]
    [InlineData(DurabilityMode.Batch)]
    [InlineData(DurabilityMode.Interval)]
    [InlineData(DurabilityMode.None)]
    public void RollsNeitherFsyncNorCreateFilesOnTheAppendingThread(DurabilityMode durability)
    {
        using var folder = new JournalFolder();
        var payload = new byte[200];
        int rolls;
        long fsyncs, created;
        using (var writer = JournalWriter.Open(JournalFolder.Options(folder.Path, segmentBytes: 16 * 1024, durability: durability)))
        {
            writer.WaitForSealing();
            long fsyncsBefore = DiskSync.FsyncsOnThisThread;
            long createdBefore = DiskSync.FilesCreatedOnThisThread;
            ulong firstSegment = writer.ActiveSegment;
            for (int i = 0; i < 2_000; i++)
            {
                ulong segment = writer.ActiveSegment;
                payload[0] = (byte)i;
                writer.Append(RecordType.Tick, 1, i, i, payload);
                writer.EndOfBatch();
                if (writer.ActiveSegment != segment)
                {
                    // What a trading day gives the finisher between two rolls: time.
                    writer.WaitForSealing();
                }
            }

            rolls = (int)(writer.ActiveSegment - firstSegment);
            fsyncs = DiskSync.FsyncsOnThisThread - fsyncsBefore;
            created = DiskSync.FilesCreatedOnThisThread - createdBefore;
        }

        Assert.True(rolls >= 20, $"only {rolls} rolls");
        Assert.Equal(0, fsyncs);
        Assert.Equal(0, created);
        var report = JournalVerifier.Verify(folder.Path);
        Assert.True(report.Ok, string.Join("; ", report.Errors));
        Assert.Equal(2_000, report.Records);
        Assert.Empty(Directory.EnumerateFiles(folder.Path, "*.next"));
    }

    [Fact]
    public void PerBatchFsyncStillMakesEveryRollDurableOnTheAppendingThread()
    {
        using var folder = new JournalFolder();
        using var writer = JournalWriter.Open(JournalFolder.Options(folder.Path, segmentBytes: 16 * 1024, durability: DurabilityMode.Fsync));
        var payload = new byte[200];
        for (int i = 0; i < 200; i++)
        {
            writer.Append(RecordType.Tick, 1, i, i, payload);
            writer.EndOfBatch();
        }

        Assert.True(DiskSync.FsyncsOnThisThread >= 200);
    }

    [Fact]
    public void ARollFasterThanTheFinisherCreatesTheSegmentItselfAndLosesNothing()
    {
        using var folder = new JournalFolder();
        var payload = new byte[2_000];
        using (var writer = JournalWriter.Open(JournalFolder.Options(folder.Path, segmentBytes: 8 * 1024)))
        {
            for (int i = 0; i < 500; i++)
            {
                writer.Append(RecordType.Tick, 1, i, i, payload);
                writer.EndOfBatch();
            }
        }

        var report = JournalVerifier.Verify(folder.Path);
        Assert.True(report.Ok, string.Join("; ", report.Errors));
        Assert.Equal(500, report.Records);
        Assert.Empty(Directory.EnumerateFiles(folder.Path, "*.next"));
    }
}
