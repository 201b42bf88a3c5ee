using System.CommandLine;
using System.Text;
using System.Text.Json;
using Engine.Core.Market;
using Engine.Kite.Ticks;

namespace Engine.Cli.Commands;

/// <summary><c>engine kite</c>: Kite protocol tools.</summary>
public static class KiteCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var kite = new Command("kite", "Kite protocol tools.");
        var file = new Argument<string>("file") { Description = "A captured binary frame (raw bytes), or base64 text of one (as in Kite's .packet mocks)." };
        var packet = new Option<bool>("--packet") { Description = "The file holds one packet without the frame header (the default for base64 text)." };
        var frame = new Option<bool>("--frame") { Description = "The file holds a whole frame with its packet count (the default for raw bytes)." };
        var decode = new Command("decode", "Decode a captured ticker frame or packet to JSON lines with Kite's field names and prices in rupees.") { file, packet, frame };
        decode.SetAction(parse => Decode(parse.GetValue(file)!, parse.GetValue(packet), parse.GetValue(frame)));
        kite.Subcommands.Add(decode);
        return kite;
    }

    private static int Decode(string path, bool forcePacket, bool forceFrame)
    {
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"error: '{path}' does not exist.");
            return 2;
        }

        byte[] bytes = File.ReadAllBytes(path);
        bool base64 = TryBase64(bytes, out byte[] decoded);
        if (base64)
        {
            bytes = decoded;
        }

        bool asPacket = forcePacket || (base64 && !forceFrame);
        using var stdout = Console.OpenStandardOutput();
        using var json = new Utf8JsonWriter(stdout, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        int errors = 0;

        void Emit(ReadOnlySpan<byte> p, int index)
        {
            var tick = default(Tick);
            if (TickDecoder.TryDecode(p, ref tick))
            {
                TickJson.Write(json, tick);
                json.Flush();
                stdout.WriteByte((byte)'\n');
                json.Reset();
            }
            else
            {
                errors++;
                Console.Error.WriteLine($"warning: packet {index + 1} has length {p.Length}, which is no Kite packet kind (8, 28, 32, 44, 184); skipped");
            }
        }

        if (asPacket)
        {
            Emit(bytes, 0);
        }
        else
        {
            var reader = new PacketReader(bytes);
            int index = 0;
            while (reader.TryRead(out var p))
            {
                Emit(p, index++);
            }

            if (reader.Damage != FrameDamage.None)
            {
                errors++;
                Console.Error.WriteLine($"warning: {reader.DescribeDamage()}; the {reader.PacketsRead} complete packets before it were decoded");
            }
        }

        return errors == 0 ? 0 : 1;
    }

    private static bool TryBase64(byte[] bytes, out byte[] decoded)
    {
        decoded = [];
        if (bytes.Length == 0 || bytes.Any(b => b is not ((>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9') or (byte)'+' or (byte)'/' or (byte)'=' or (byte)'\n' or (byte)'\r' or (byte)' ')))
        {
            return false;
        }

        try
        {
            decoded = Convert.FromBase64String(Encoding.ASCII.GetString(bytes).Trim());
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
