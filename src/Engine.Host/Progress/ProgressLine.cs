namespace Engine.Host.Progress;

/// <summary>One line of progress for people: redrawn in place on a terminal, written as a new line each time otherwise (a log keeps them all), and cleared from the terminal at the end.</summary>
public sealed class ProgressLine(TextWriter output, bool terminal)
{
    private bool _shown;

    /// <summary>Shows <paramref name="line"/> (from any thread).</summary>
    public void Show(string line)
    {
        lock (output)
        {
            output.Write(terminal ? "\r\u001b[K" + line : line + Environment.NewLine);
            output.Flush();
            _shown = true;
        }
    }

    /// <summary>Clears the line from a terminal, so what follows starts on a clean line.</summary>
    public void Clear()
    {
        lock (output)
        {
            if (terminal && _shown)
            {
                output.Write("\r\u001b[K");
                output.Flush();
            }
        }
    }
}
