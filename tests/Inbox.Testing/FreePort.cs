using System.Net;
using System.Net.Sockets;

namespace Inbox.Testing;

/// <summary>Loopback ports for the servers a test starts (Kestrel, silos, PostgreSQL, Dovecot).</summary>
public static class FreePort
{
    // Below Linux's ephemeral range (32768–60999 by default): a port from bind(0) is free when asked for, but any outgoing
    // connection of this machine may take it as its local port before the test's server binds it.
    private const int First = 20_000;
    private const int Last = 32_000;

    private static readonly HashSet<int> HandedOut = [];
    private static readonly Lock Gate = new();

    /// <summary>
    /// A TCP port on loopback that nothing listens on right now, outside the ephemeral range, and that this process has
    /// not handed out before (a silo's port and its gateway's, asked for one after the other, must differ). Picked at
    /// random, so that test processes running at once rarely try the same one.
    /// </summary>
    public static int Next()
    {
        lock (Gate)
        {
            while (true)
            {
                var port = Random.Shared.Next(First, Last);
                if (!HandedOut.Contains(port) && IsFree(port))
                {
                    HandedOut.Add(port);
                    return port;
                }
            }
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
