using System.Buffers;
using System.IO.MemoryMappedFiles;

namespace Engine.Journal.Reading;

/// <summary>
/// A rolled, uncompressed segment read through a read-only memory map instead of being copied
/// into a buffer: the page cache's pages are the content. Reading a 64 MiB segment into a reused
/// buffer cost about three times the CPU that mapping it and touching each page does, and on a
/// two-core machine that copy competes with the pipeline's own threads.
/// The page tables are filled by the loading thread (<see cref="Map"/> touches every page), so the
/// thread that walks the records takes no page faults on them.
/// </summary>
/// <remarks>
/// Only files no writer changes any more are mapped: a mapped file cut short underneath its
/// reader would fault the process, where a read would only come up short. The engine never
/// shortens a rolled segment; sealing replaces it by a new file, which leaves the map intact.
/// After <see cref="Release"/> the content's memory throws <see cref="ObjectDisposedException"/>.
/// </remarks>
internal sealed unsafe class MappedSegment : MemoryManager<byte>
{
    private const int PageBytes = 4096;

    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _address;
    private int _released;

    private MappedSegment(MemoryMappedFile file, MemoryMappedViewAccessor view, byte* address, int length)
    {
        _file = file;
        _view = view;
        _address = address;
        Length = length;
    }

    /// <summary>The mapped bytes.</summary>
    public int Length { get; }

    /// <summary>The first mapped byte; valid until <see cref="Release"/>.</summary>
    public byte* Address => _address;

    /// <summary>True once the map is gone.</summary>
    public bool IsReleased => Volatile.Read(ref _released) != 0;

    /// <summary>
    /// Maps <paramref name="path"/> whole and faults its pages in, or returns null where a map
    /// cannot be made (an empty or oversized file, a file system without maps) and the file should
    /// be read instead. A missing file is a <see cref="FileNotFoundException"/>, as for a read.
    /// </summary>
    public static MappedSegment? Map(string path)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.None);
        long length = stream.Length;
        if (length == 0 || length > Array.MaxLength)
        {
            stream.Dispose();
            return null;
        }

        MemoryMappedFile? file = null;
        MemoryMappedViewAccessor? view = null;
        try
        {
            file = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
            view = file.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
            byte* address = null;
            view.SafeMemoryMappedViewHandle.AcquirePointer(ref address);
            address += view.PointerOffset;
            TouchPages(address, (int)length);
            return new MappedSegment(file, view, address, (int)length);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            view?.Dispose();
            file?.Dispose();
            stream.Dispose();
            return null;
        }
    }

    /// <summary>Unmaps the file (once; later calls do nothing).</summary>
    public void Release() => Dispose(true);

    /// <inheritdoc/>
    public override Span<byte> GetSpan()
    {
        ObjectDisposedException.ThrowIf(IsReleased, this);
        return new Span<byte>(_address, Length);
    }

    /// <inheritdoc/>
    public override MemoryHandle Pin(int elementIndex = 0)
    {
        ObjectDisposedException.ThrowIf(IsReleased, this);
        ArgumentOutOfRangeException.ThrowIfNegative(elementIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(elementIndex, Length);

        // Mapped memory never moves: nothing to pin.
        return new MemoryHandle(_address + elementIndex);
    }

    /// <inheritdoc/>
    public override void Unpin()
    {
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (Interlocked.Exchange(ref _released, 1) != 0)
        {
            return;
        }

        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _file.Dispose();
    }

    // A read per page makes the kernel fill the page tables here (with its fault-around, a fault
    // maps several pages at once) rather than on the thread that walks the records.
    private static void TouchPages(byte* address, int length)
    {
        // A volatile read is never optimised away.
        for (int offset = 0; offset < length; offset += PageBytes)
        {
            _ = Volatile.Read(ref address[offset]);
        }
    }
}
