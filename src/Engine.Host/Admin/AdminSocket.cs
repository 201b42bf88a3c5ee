using System.Net.Sockets;

namespace Engine.Host.Admin;

/// <summary>
/// The admin endpoint's Unix domain socket file: a socket left by a run that was killed is
/// removed before listening (one another engine still answers on is not: that is a second engine
/// on the same socket), and the socket is made the owner's alone once it exists.
/// </summary>
public static class AdminSocket
{
    /// <summary>Removes a stale socket at <paramref name="path"/>; refuses when an engine answers on it or the path is not a socket.</summary>
    public static void ClearStale(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            return;
        }

        using (var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            try
            {
                probe.Connect(new UnixDomainSocketEndPoint(path));
                throw new IOException($"the admin socket {path} is in use: another engine listens on it");
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionRefused)
            {
                // Nobody listens: a socket file left by a run that did not stop cleanly.
            }
            catch (SocketException ex)
            {
                throw new IOException($"'{path}' exists and is not a socket the engine left ({ex.Message}); remove it or choose another admin.socket", ex);
            }
        }

        File.Delete(path);
    }

    /// <summary>Mode 0600: only the engine's user may connect (on Linux, connecting needs write permission on the socket).</summary>
    public static void RestrictToOwner(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
