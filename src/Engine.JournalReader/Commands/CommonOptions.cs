using System.CommandLine;
using System.Globalization;
using Engine.JournalTool.Rendering;

namespace Engine.JournalTool.Commands;

/// <summary>The options the reading commands share.</summary>
public sealed class CommonOptions
{
    /// <summary>The journal folder.</summary>
    public Argument<string> Folder { get; } = new("journal") { Description = "The journal folder." };

    /// <summary>--type.</summary>
    public Option<string?> Types { get; } = new("--type") { Description = $"Record types, comma-separated ({string.Join(", ", Engine.Journal.Format.RecordSchema.Types.Values.Select(t => t.Name))})." };

    /// <summary>--token.</summary>
    public Option<string?> Tokens { get; } = new("--token") { Description = "Instrument tokens, comma-separated." };

    /// <summary>--from-seq.</summary>
    public Option<long?> FromSequence { get; } = new("--from-seq") { Description = "First ring sequence." };

    /// <summary>--to-seq.</summary>
    public Option<long?> ToSequence { get; } = new("--to-seq") { Description = "Last ring sequence." };

    /// <summary>--from.</summary>
    public Option<string?> From { get; } = new("--from") { Description = "First time: ISO 8601, a date (IST), or HH:mm (IST, on the journal's first day)." };

    /// <summary>--to.</summary>
    public Option<string?> To { get; } = new("--to") { Description = "Last time, as --from." };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Arguments.Add(Folder);
        command.Options.Add(Types);
        command.Options.Add(Tokens);
        command.Options.Add(FromSequence);
        command.Options.Add(ToSequence);
        command.Options.Add(From);
        command.Options.Add(To);
    }

    /// <summary>Builds the filter; <paramref name="day"/> anchors HH:mm times.</summary>
    public RecordFilter Filter(ParseResult parse, DateOnly? day = null) => new()
    {
        Types = RecordFilter.ParseTypes(parse.GetValue(Types)),
        Tokens = (parse.GetValue(Tokens) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => uint.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out uint v) ? v : throw new FormatException($"--token '{t}' is not an instrument token.")).ToHashSet(),
        FromSequence = parse.GetValue(FromSequence) ?? long.MinValue,
        ToSequence = parse.GetValue(ToSequence) ?? long.MaxValue,
        FromTimeNs = parse.GetValue(From) is { } from ? RecordTime.Parse(from, day) : long.MinValue,
        ToTimeNs = parse.GetValue(To) is { } to ? RecordTime.Parse(to, day) : long.MaxValue,
    };
}
