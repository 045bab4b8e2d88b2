using System.Net;
using System.Net.Sockets;

namespace Inbox.Cluster.Tests;

/// <summary>
/// Relays TCP connections from a loopback port to a target port, until <see cref="Cut"/> drops every connection and stops
/// listening: a silo behind it loses its database at once, as if its machine had gone away.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly int _targetPort;
    private readonly CancellationTokenSource _cut = new();
    private readonly List<TcpClient> _connections = [];
    private readonly Task _accepting;

    /// <param name="listenPort">The loopback port to listen on; zero for any free one.</param>
    public TcpRelay(int targetPort, int listenPort = 0)
    {
        _targetPort = targetPort;
        _listener = new TcpListener(IPAddress.Loopback, listenPort);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public void Cut()
    {
        if (_cut.IsCancellationRequested)
        {
            return;
        }

        _cut.Cancel();
        _listener.Stop();
        lock (_connections)
        {
            foreach (var connection in _connections)
            {
                connection.Dispose();
            }

            _connections.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Cut();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
            // cut
        }

        _cut.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_cut.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await _listener.AcceptTcpClientAsync(_cut.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var outbound = new TcpClient();
            try
            {
                await outbound.ConnectAsync(IPAddress.Loopback, _targetPort, _cut.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException)
            {
                inbound.Dispose();
                outbound.Dispose();
                continue;
            }

            lock (_connections)
            {
                if (_cut.IsCancellationRequested)
                {
                    inbound.Dispose();
                    outbound.Dispose();
                    return;
                }

                _connections.Add(inbound);
                _connections.Add(outbound);
            }

            _ = PumpAsync(inbound, outbound);
            _ = PumpAsync(outbound, inbound);
        }
    }

    private async Task PumpAsync(TcpClient from, TcpClient to)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream(), _cut.Token);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or SocketException or InvalidOperationException)
        {
            // the other side went away, or the relay was cut
        }
        finally
        {
            from.Dispose();
            to.Dispose();
        }
    }
}
