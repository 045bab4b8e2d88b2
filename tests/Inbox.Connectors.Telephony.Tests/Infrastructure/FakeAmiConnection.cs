using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace Inbox.Connectors.Telephony.Tests.Infrastructure;

/// <summary>
/// One client connection to <see cref="FakeAmiServer"/>. Reads the client's actions with its own small parser (not the
/// code under test), answers <c>Action: Ping</c> by itself unless told not to, and sends what the test scripts: with CRLF
/// or LF-only line endings, whole or cut into small writes.
/// </summary>
public sealed class FakeAmiConnection : IAsyncDisposable
{
    public const string Banner = "Asterisk Call Manager/9.0.0";

    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Channel<Dictionary<string, string>> _actions = Channel.CreateUnbounded<Dictionary<string, string>>();
    private readonly Task _reading;
    private int _pings;

    public FakeAmiConnection(TcpClient client)
    {
        _client = client;
        _client.NoDelay = true;
        _stream = client.GetStream();
        _reading = ReadLoopAsync();
    }

    /// <summary>When false, pings go unanswered (a server that hangs).</summary>
    public bool AnswerPings { get; set; } = true;

    public int PingsReceived => Volatile.Read(ref _pings);

    /// <summary>Completes when the client closes its side.</summary>
    public Task Closed => _reading;

    /// <summary>Sends <paramref name="text"/> (written with \n line ends) as CRLF, or LF-only; in writes of <paramref name="chunk"/> bytes when given.</summary>
    public async Task SendAsync(string text, bool lfOnly = false, int chunk = 0)
    {
        var normalised = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (!lfOnly)
        {
            normalised = normalised.Replace("\n", "\r\n", StringComparison.Ordinal);
        }

        var bytes = Encoding.UTF8.GetBytes(normalised);
        await _writeLock.WaitAsync();
        try
        {
            if (chunk <= 0)
            {
                await _stream.WriteAsync(bytes);
                await _stream.FlushAsync();
                return;
            }

            for (var offset = 0; offset < bytes.Length; offset += chunk)
            {
                await _stream.WriteAsync(bytes.AsMemory(offset, Math.Min(chunk, bytes.Length - offset)));
                await _stream.FlushAsync();
                await Task.Delay(1);
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>The next action named <paramref name="action"/> the client sends (waits at most 30 s).</summary>
    public async Task<Dictionary<string, string>> ExpectActionAsync(string action)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var next = await _actions.Reader.ReadAsync(timeout.Token);
            if (string.Equals(next.GetValueOrDefault("Action"), action, StringComparison.OrdinalIgnoreCase))
            {
                return next;
            }
        }
    }

    /// <summary>Banner, Login accepted, FullyBooted, then the answer to CoreShowChannels with <paramref name="channels"/> (CoreShowChannel bodies).</summary>
    public async Task<Dictionary<string, string>> HandshakeAsync(bool lfOnly = false, int chunk = 0, params string[] channels)
    {
        await SendAsync(Banner + "\n", lfOnly, chunk);
        var login = await ExpectActionAsync("Login");
        await SendAsync($"Response: Success\nActionID: {login["ActionID"]}\nMessage: Authentication accepted\n\n" +
            "Event: FullyBooted\nPrivilege: system,all\nStatus: Fully Booted\n\n", lfOnly, chunk);
        var show = await ExpectActionAsync("CoreShowChannels");
        var id = show["ActionID"];
        var text = new StringBuilder($"Response: Success\nActionID: {id}\nEventList: start\nMessage: Channels will follow\n\n");
        foreach (var channel in channels)
        {
            text.Append($"Event: CoreShowChannel\nActionID: {id}\n").Append(channel.Trim('\n')).Append("\n\n");
        }

        text.Append($"Event: CoreShowChannelsComplete\nActionID: {id}\nEventList: Complete\nListItems: {channels.Length}\n\n");
        await SendAsync(text.ToString(), lfOnly, chunk);
        return login;
    }

    /// <summary>Drops the connection with a TCP reset, as a crashed server or a broken network does.</summary>
    public void Reset()
    {
        _client.Client.LingerState = new LingerOption(true, 0);
        _client.Client.Close();
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        try
        {
            await _reading.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or TimeoutException or OperationCanceledException)
        {
            // closing
        }

        _writeLock.Dispose();
    }

    private async Task ReadLoopAsync()
    {
        await Task.Yield();
        try
        {
            using var reader = new StreamReader(_stream, Encoding.UTF8, leaveOpen: true);
            var current = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            while (await reader.ReadLineAsync() is { } line)
            {
                if (line.Length > 0)
                {
                    var colon = line.IndexOf(':');
                    if (colon > 0)
                    {
                        current[line[..colon].Trim()] = line[(colon + 1)..].Trim();
                    }

                    continue;
                }

                if (current.Count == 0)
                {
                    continue;
                }

                if (string.Equals(current.GetValueOrDefault("Action"), "Ping", StringComparison.OrdinalIgnoreCase))
                {
                    Interlocked.Increment(ref _pings);
                    if (AnswerPings)
                    {
                        await SendAsync($"Response: Success\nActionID: {current.GetValueOrDefault("ActionID")}\nPing: Pong\nTimestamp: 1715670930.000000\n\n");
                    }
                }
                else
                {
                    await _actions.Writer.WriteAsync(current);
                }

                current = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            // the connection went away
        }
        finally
        {
            _actions.Writer.TryComplete();
        }
    }
}
