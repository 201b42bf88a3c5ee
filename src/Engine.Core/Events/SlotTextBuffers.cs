namespace Engine.Core.Events;

/// <summary>
/// The text buffers of ring slots, held by number. A slot keeps the number rather than the array
/// so that <see cref="RingEvent"/> holds no reference: the ring can then place its slots on
/// cache-line boundaries, which it cannot do for an array the runtime lays out. A slot takes a
/// buffer the first time it holds text and keeps it, as it kept its array before; the owner of a
/// ring gives them back when the ring is done with (<see cref="RingEvent.ReleaseText"/>).
/// </summary>
internal static class SlotTextBuffers
{
    private static readonly Lock s_gate = new();
    private static readonly Stack<int> s_free = new();

    // Number 0 means "no buffer", so a zeroed slot has none.
    private static byte[]?[] s_buffers = new byte[]?[64];
    private static int s_count = 1;

    /// <summary>The buffer numbered <paramref name="number"/> (greater than 0).</summary>
    public static byte[] Get(int number) => Volatile.Read(ref s_buffers)[number]!;

    /// <summary>A buffer of at least <paramref name="length"/> bytes: <paramref name="number"/>'s own if it is long enough, else a new one under a new number or <paramref name="number"/>.</summary>
    public static int Fit(int number, int length)
    {
        if (number > 0 && Get(number).Length >= length)
        {
            return number;
        }

        var buffer = new byte[Math.Max(1024, (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, length)))];
        lock (s_gate)
        {
            if (number <= 0)
            {
                number = s_free.Count > 0 ? s_free.Pop() : s_count++;
            }

            var buffers = s_buffers;
            if (number >= buffers.Length)
            {
                Array.Resize(ref buffers, buffers.Length * 2);
            }

            buffers[number] = buffer;
            Volatile.Write(ref s_buffers, buffers);
            return number;
        }
    }

    /// <summary>Gives <paramref name="number"/>'s buffer back for another slot to take.</summary>
    public static void Return(int number)
    {
        if (number <= 0)
        {
            return;
        }

        lock (s_gate)
        {
            s_buffers[number] = null;
            s_free.Push(number);
        }
    }
}
