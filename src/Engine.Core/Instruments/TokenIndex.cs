using System.Numerics;
using System.Runtime.CompilerServices;

namespace Engine.Core.Instruments;

/// <summary>
/// Gives each instrument token a dense index (0, 1, 2, … in the order tokens were first added) so
/// that per-instrument state lives in plain arrays. The decision thread looks a token up on every
/// tick, so this is an open-addressed table with linear probing over one array of token and index
/// pairs: a look-up hashes the token once and usually reads one 8-byte slot, where a
/// <see cref="Dictionary{TKey, TValue}"/> goes through its comparer, its bucket array and its
/// entry array. The table stays at most half full. Not thread-safe: one thread owns it.
/// </summary>
public sealed class TokenIndex
{
    private Slot[] _slots = [];
    private uint[] _tokens;
    private int _shift;
    private int _count;

    /// <summary>Creates an index with room for <paramref name="capacity"/> tokens before it grows.</summary>
    public TokenIndex(int capacity = 16)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _tokens = new uint[Math.Max(4, capacity)];
        Allocate(SlotsFor(_tokens.Length));
    }

    /// <summary>Tokens added so far; their indices are 0 to <see cref="Count"/> − 1.</summary>
    public int Count => _count;

    /// <summary>The token that was given <paramref name="index"/>.</summary>
    public uint TokenAt(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _count);
        return _tokens[index];
    }

    /// <summary>The index of <paramref name="token"/>, or -1 if it was never added.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int IndexOf(uint token)
    {
        var slots = _slots;
        int mask = slots.Length - 1;
        int i = Home(token);
        while (true)
        {
            ref readonly var slot = ref slots[i];
            if (slot.IndexPlusOne == 0)
            {
                return -1;
            }

            if (slot.Token == token)
            {
                return slot.IndexPlusOne - 1;
            }

            i = (i + 1) & mask;
        }
    }

    /// <summary>The index of <paramref name="token"/>, giving it the next index if it is new.</summary>
    public int GetOrAdd(uint token) => GetOrAdd(token, out _);

    /// <summary>The index of <paramref name="token"/>, giving it the next index if it is new (<paramref name="added"/>).</summary>
    public int GetOrAdd(uint token, out bool added)
    {
        int found = IndexOf(token);
        if (found >= 0)
        {
            added = false;
            return found;
        }

        if ((_count + 1) * 2 > _slots.Length)
        {
            Rehash(_slots.Length * 2);
        }

        if (_count == _tokens.Length)
        {
            Array.Resize(ref _tokens, _tokens.Length * 2);
        }

        int index = _count++;
        _tokens[index] = token;
        Insert(token, index);
        added = true;
        return index;
    }

    /// <summary>Forgets every token; the next one added gets index 0 again. Keeps the room.</summary>
    public void Clear()
    {
        Array.Clear(_slots);
        _count = 0;
    }

    private static int SlotsFor(int tokens) => (int)BitOperations.RoundUpToPowerOf2((uint)(tokens * 2));

    // Fibonacci hashing: Kite tokens share their low byte (the segment) by the thousand, so the
    // index comes from the product's high bits, which every bit of the token reaches.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Home(uint token) => (int)((token * 0x9E3779B9u) >> _shift);

    private void Allocate(int slots)
    {
        _slots = new Slot[slots];
        _shift = 32 - BitOperations.Log2((uint)slots);
    }

    private void Rehash(int slots)
    {
        Allocate(slots);
        for (int index = 0; index < _count; index++)
        {
            Insert(_tokens[index], index);
        }
    }

    private void Insert(uint token, int index)
    {
        int mask = _slots.Length - 1;
        int i = Home(token);
        while (_slots[i].IndexPlusOne != 0)
        {
            i = (i + 1) & mask;
        }

        _slots[i] = new Slot(token, index + 1);
    }

    private readonly record struct Slot(uint Token, int IndexPlusOne);
}
