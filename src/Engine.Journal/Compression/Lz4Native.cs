using System.Reflection;
using System.Runtime.InteropServices;

namespace Engine.Journal.Compression;

/// <summary>
/// The LZ4 frame API of the system's liblz4 (the reference implementation; frames it writes are
/// what the stock <c>lz4</c> tool reads). Layouts follow lz4frame.h of LZ4 1.9.
/// </summary>
internal static unsafe class Lz4Native
{
    private const string Library = "lz4";
    private const uint FrameVersion = 100;

    static Lz4Native() => NativeLibrary.SetDllImportResolver(typeof(Lz4Native).Assembly, Resolve);

    [StructLayout(LayoutKind.Sequential)]
    public struct FrameInfo
    {
        public int BlockSizeId;
        public int BlockMode;
        public int ContentChecksumFlag;
        public int FrameType;
        public ulong ContentSize;
        public uint DictId;
        public int BlockChecksumFlag;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct Preferences
    {
        public FrameInfo FrameInfo;
        public int CompressionLevel;
        public uint AutoFlush;
        public uint FavorDecSpeed;
        public uint Reserved0;
        public uint Reserved1;
        public uint Reserved2;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct DecompressOptions
    {
        public uint StableDst;
        public uint SkipChecksums;
        public uint Reserved1;
        public uint Reserved0;
    }

#pragma warning disable SYSLIB1054, CA5392 // resolved through the import resolver below
    [DllImport(Library)]
    public static extern nuint LZ4F_compressFrameBound(nuint srcSize, Preferences* preferences);

    [DllImport(Library)]
    public static extern nuint LZ4F_compressFrame(byte* dst, nuint dstCapacity, byte* src, nuint srcSize, Preferences* preferences);

    [DllImport(Library)]
    public static extern uint LZ4F_isError(nuint code);

    [DllImport(Library)]
    public static extern IntPtr LZ4F_getErrorName(nuint code);

    [DllImport(Library)]
    public static extern nuint LZ4F_createDecompressionContext(IntPtr* context, uint version);

    [DllImport(Library)]
    public static extern nuint LZ4F_freeDecompressionContext(IntPtr context);

    [DllImport(Library)]
    public static extern nuint LZ4F_decompress(IntPtr context, byte* dst, nuint* dstSize, byte* src, nuint* srcSize, DecompressOptions* options);

    [DllImport(Library)]
    public static extern int LZ4_versionNumber();
#pragma warning restore SYSLIB1054, CA5392

    public static uint Version => FrameVersion;

    public static string ErrorName(nuint code) => Marshal.PtrToStringAnsi(LZ4F_getErrorName(code)) ?? $"LZ4 error {code}";

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path)
    {
        if (name != Library)
        {
            return IntPtr.Zero;
        }

        foreach (var candidate in new[] { "liblz4.so.1", "liblz4.so", "liblz4.dylib", "liblz4.1.dylib", "lz4.dll", "liblz4.dll" })
        {
            if (NativeLibrary.TryLoad(candidate, assembly, path, out var handle))
            {
                return handle;
            }
        }

        throw new Lz4UnavailableException();
    }
}
