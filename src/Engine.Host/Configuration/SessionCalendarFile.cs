using System.Globalization;
using Engine.Core.Time;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Engine.Host.Configuration;

/// <summary>Reads the session calendar file: session times in IST and the holiday list.</summary>
public static class SessionCalendarFile
{
    /// <summary>Loads <paramref name="path"/>; problems are thrown as a <see cref="ConfigurationException"/> naming the line.</summary>
    public static SessionCalendar Load(string path)
    {
        var problems = new ConfigurationProblems(path);
        var root = YamlFile.LoadMapping(path, problems);
        var calendar = Read(new YamlSection(root, "", problems));
        problems.ThrowIfAny();
        return calendar!;
    }

    internal static SessionCalendar? Read(YamlSection section)
    {
        var defaults = SessionCalendar.Nse;
        var preOpen = section.Time("pre_open", defaults.PreOpen);
        var open = section.Time("open", defaults.Open);
        var squareOff = section.Time("square_off", defaults.SquareOff);
        var close = section.Time("close", defaults.Close);
        var holidays = new List<DateOnly>();
        foreach (var (value, node) in section.List("holidays"))
        {
            if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                holidays.Add(day);
            }
            else
            {
                section.Problems.Add(node, section.KeyPath("holidays"), $"'{value}' is not allowed; use a date as yyyy-MM-dd");
            }
        }

        section.RejectUnknownKeys();
        if (!(preOpen <= open && open < squareOff && squareOff <= close))
        {
            section.Problems.Add(section.Mapping, section.Path, $"session times must run pre_open <= open < square_off <= close; got {preOpen:HH\\:mm}, {open:HH\\:mm}, {squareOff:HH\\:mm}, {close:HH\\:mm}");
            return null;
        }

        return new SessionCalendar(preOpen, open, squareOff, close, holidays);
    }
}
