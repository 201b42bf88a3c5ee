using System.Buffers;

namespace Engine.Journal.Reading;

/// <summary>
/// A rolled, uncompressed segment read through a read-only memory map instead of being copied
/// into a buffer: the page cache's pages are the content. Reading a 64 MiB segment into a reused
/// buffer cost about three times the CPU that mapping it and touching each page does, and on a
/// two-core machine that copy competes with the pipeline's own threads.
/// The page tables are filled by the loading thread (<see cref="TryMap"/> touches every page), so
/// the thread that walks the records takes no page faults on them.
/// </summary>
/// <remarks>
/// One of these belongs to each <see cref="SegmentBuffers"/> and is mapped again for every segment
/// those buffers take, so opening a segment allocates nothing. While nothing is mapped its memory
/// throws <see cref="ObjectDisposedException"/>; once it holds the next segment, memory taken
/// from it earlier reads that segment (as a reused buffer does), and never unmapped bytes.
/// Only files no writer changes any more are mapped: a mapped file cut short underneath its
/// reader would fault the process, where a read would only come up short. The engine never
/// shortens a rolled segment; sealing replaces it by a new file, which leaves the map intact.
/// </remarks>
internal sealed unsafe class MappedSegment : MemoryManager<byte>
{
    private const int PageBytes = 4096;

    private byte* _address;
    private int _length;
    private int _mapped;

    /// <summary>The mapped bytes.</summary>
    public int Length => _length;

    /// <summary>The first mapped byte; valid until <see cref="Release"/>.</summary>
    public byte* Address => _address;

    /// <summary>True while nothing is mapped.</summary>
    public bool IsReleased => Volatile.Read(ref _mapped) == 0;

    /// <summary>
    /// Maps <paramref name="path"/> whole and faults its pages in, unmapping what was mapped
    /// before; false where a map cannot be made (an empty or oversized file, a platform without
    /// <see cref="PosixFile"/>) and the file should be read instead. A missing file is a
    /// <see cref="FileNotFoundException"/>, as for a read.
    /// </summary>
    public bool TryMap(string path)
    {
        Release();
        if (!PosixFile.IsSupported)
        {
            return false;
        }

        int fd = PosixFile.OpenRead(path);
        try
        {
            long length = PosixFile.Length(fd);
            if (length == 0 || length > Array.MaxLength)
            {
                return false;
            }

            byte* address = PosixFile.Map(fd, length);
            if (address is null)
            {
                return false;
            }

            TouchPages(address, (int)length);
            _address = address;
            _length = (int)length;
            Volatile.Write(ref _mapped, 1);
            return true;
        }
        finally
        {
            PosixFile.Close(fd);
        }
    }

    /// <summary>Unmaps the file, if one is mapped.</summary>
    public void Release()
    {
        if (Interlocked.Exchange(ref _mapped, 0) == 0)
        {
            return;
        }

        PosixFile.Unmap(_address, _length);
        _address = null;
        _length = 0;
    }

    /// <inheritdoc/>
    public override Span<byte> GetSpan()
    {
        ObjectDisposedException.ThrowIf(IsReleased, this);
        return new Span<byte>(_address, _length);
    }

    /// <inheritdoc/>
    public override MemoryHandle Pin(int elementIndex = 0)
    {
        ObjectDisposedException.ThrowIf(IsReleased, this);
        ArgumentOutOfRangeException.ThrowIfNegative(elementIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(elementIndex, _length);

        // Mapped memory never moves: nothing to pin.
        return new MemoryHandle(_address + elementIndex);
    }

    /// <inheritdoc/>
    public override void Unpin()
    {
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing) => Release();

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
