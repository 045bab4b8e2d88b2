using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Inbox.Connectors.Telephony.Tests.Infrastructure;

/// <summary>A stand-in Asterisk Manager Interface on 127.0.0.1: accepts connections and hands each to the test as it comes.</summary>
public sealed class FakeAmiServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Channel<FakeAmiConnection> _accepted = Channel.CreateUnbounded<FakeAmiConnection>();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<FakeAmiConnection> _all = [];
    private readonly Task _accepting;

    public FakeAmiServer()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptLoopAsync();
    }

    public int Port { get; }

    public int ConnectionCount
    {
        get
        {
            lock (_all)
            {
                return _all.Count;
            }
        }
    }

    /// <summary>The next connection the client opens (waits at most 30 s).</summary>
    public async Task<FakeAmiConnection> AcceptAsync() =>
        await _accepted.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // stopping
        }

        List<FakeAmiConnection> all;
        lock (_all)
        {
            all = _all.ToList();
        }

        foreach (var connection in all)
        {
            await connection.DisposeAsync();
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            var connection = new FakeAmiConnection(client);
            lock (_all)
            {
                _all.Add(connection);
            }

            await _accepted.Writer.WriteAsync(connection, _stop.Token);
        }
    }
}
