using Engine.Journal.Reading;
using FsCheck;
using FsCheck.Fluent;

namespace Engine.Tests.Journal;

/// <summary>
/// The file reads a reader opens segments with (libc where supported) read what the framework's
/// file reads do: any stretch of a file at any offset, the end as the end, and a missing file as
/// a missing file.
/// </summary>
public sealed class PosixFileTests
{
    [Fact]
    public void ReadingAtAnyOffsetGivesTheFilesBytesAndStopsAtItsEnd()
    {
        var shape = from length in Gen.Choose(0, 70_000)
                    from seed in Gen.Choose(0, int.MaxValue)
                    from at in Gen.Choose(0, 1_000_000)
                    from count in Gen.Choose(0, 80_000)
                    select (Length: length, Seed: seed, At: at, Count: count);
        string path = Path.Combine(Path.GetTempPath(), $"posix-file-{Guid.NewGuid():N}");
        try
        {
            Prop.ForAll(shape.ToArbitrary(), s =>
            {
                var bytes = new byte[s.Length];
                new Random(s.Seed).NextBytes(bytes);
                File.WriteAllBytes(path, bytes);
                int offset = (int)((long)s.At * s.Length / 1_000_000);
                var opened = StoredSegmentFile.Open(path);
                try
                {
                    Assert.True(opened.IsOpen);
                    Assert.Equal(s.Length, opened.Length);
                    var destination = new byte[s.Count];
                    int expected = Math.Min(s.Count, s.Length - offset);
                    if (expected == s.Count)
                    {
                        opened.ReadExactly(destination, offset);
                    }
                    else
                    {
                        var file = opened;
                        Assert.Throws<EndOfStreamException>(() => file.ReadExactly(destination, offset));
                    }

                    Array.Clear(destination);
                    int read = 0;
                    while (read < s.Count && opened.ReadAt(destination.AsSpan(read), offset + read) is > 0 and var n)
                    {
                        read += n;
                    }

                    Assert.Equal(expected, read);
                    Assert.True(destination.AsSpan(0, read).SequenceEqual(bytes.AsSpan(offset, read)));
                }
                finally
                {
                    opened.Close();
                }

                Assert.False(opened.IsOpen);
            }).QuickCheckThrowOnFailure();
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void AMissingFileIsAFileNotFoundException()
    {
        if (!PosixFile.IsSupported)
        {
            return;
        }

        string path = Path.Combine(Path.GetTempPath(), $"posix-missing-{Guid.NewGuid():N}", "00000001.seg");
        var thrown = Assert.Throws<FileNotFoundException>(() => PosixFile.OpenRead(path));
        Assert.Equal(path, thrown.FileName);
    }

    [Fact]
    public void ReadingADirectoryIsAnIOExceptionThatSaysWhy()
    {
        if (!PosixFile.IsSupported)
        {
            return;
        }

        int fd = PosixFile.OpenRead(Path.GetTempPath());
        try
        {
            var thrown = Assert.Throws<IOException>(() => PosixFile.ReadAt(fd, new byte[16], 0));
            Assert.Contains("errno 21", thrown.Message, StringComparison.Ordinal);
        }
        finally
        {
            PosixFile.Close(fd);
        }
    }
}
