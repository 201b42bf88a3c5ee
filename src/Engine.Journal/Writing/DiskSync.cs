using Microsoft.Win32.SafeHandles;

namespace Engine.Journal.Writing;

/// <summary>
/// Every fsync and every segment-file creation of the journal goes through here, counted per
/// thread, so the claim that matters for latency (in batch, interval and none durability the
/// appending thread, which is the decision thread in fused placement, never waits for the disk)
/// is something a test can check rather than a comment.
/// </summary>
internal static class DiskSync
{
    [ThreadStatic]
    private static long t_fsyncs;

    [ThreadStatic]
    private static long t_filesCreated;

    /// <summary>fsyncs (files and folders) made by the calling thread.</summary>
    public static long FsyncsOnThisThread => t_fsyncs;

    /// <summary>Segment files created by the calling thread.</summary>
    public static long FilesCreatedOnThisThread => t_filesCreated;

    /// <summary>fsync of a file.</summary>
    public static void Flush(SafeFileHandle file)
    {
        t_fsyncs++;
        RandomAccess.FlushToDisk(file);
    }

    /// <summary>fsync of a folder, so a created, renamed or deleted entry survives a power loss.</summary>
    public static void Folder(string folder)
    {
        t_fsyncs++;
        DirectorySync.Sync(folder);
    }

    /// <summary>Counts a segment file creation by the calling thread.</summary>
    public static void CountCreation() => t_filesCreated++;
}
