using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Inbox.Connectors.Testing;

/// <summary>
/// A small real SMTP server (RFC 5321) on 127.0.0.1: greeting, EHLO/HELO, AUTH PLAIN, MAIL, RCPT, DATA (with dot-unstuffing),
/// RSET, NOOP, QUIT, pipelining. Each answer can be scripted (<see cref="GreetingReply"/>, <see cref="MailFromReply"/>,
/// <see cref="RcptReply"/>, <see cref="DataReply"/>) to produce the 4xx and 5xx answers of real servers, and
/// <see cref="DropAfter"/> cuts the connection after a command, as a crashing server does.
/// </summary>
/// <remarks>Written here rather than taken from Debian (Postfix, Exim) because the tests need scripted refusals per command
/// and to see the exact bytes the connector submits; the wire protocol is the real one MailKit speaks to any server.</remarks>
public sealed class FakeSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private readonly ConcurrentQueue<SmtpReceivedMail> _received = new();
    private readonly ConcurrentQueue<string> _commands = new();
    private int _connections;
    private int _disposed;

    public FakeSmtpServer()
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _acceptLoop = AcceptLoopAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public string GreetingReply { get; set; } = "220 fake-smtp.test ESMTP ready";

    /// <summary>The answer to MAIL FROM, e.g. "553 5.7.1 Sender address rejected".</summary>
    public string MailFromReply { get; set; } = "250 2.1.0 Ok";

    /// <summary>The answer to each RCPT TO, given the address, e.g. "550 5.1.1 &lt;x&gt;: Recipient address rejected: User unknown".</summary>
    public Func<string, string> RcptReply { get; set; } = _ => "250 2.1.5 Ok";

    /// <summary>The answer after the DATA content's final dot, e.g. "451 4.3.0 Try again later" or "552 5.3.4 Message too big".</summary>
    public string DataReply { get; set; } = "250 2.0.0 Ok: queued as ABC123";

    /// <summary>Closes the connection without an answer after the named command (MAIL, RCPT, DATA-END…).</summary>
    public string? DropAfter { get; set; }

    /// <summary>When set, AUTH PLAIN must present these; others get 535.</summary>
    public (string User, string Password)? RequiredLogin { get; set; }

    public Signal Changed { get; } = new();

    public IReadOnlyList<SmtpReceivedMail> Received => [.. _received];

    public IReadOnlyList<string> Commands => [.. _commands];

    public int Connections => Volatile.Read(ref _connections);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _acceptLoop;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref _connections);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        var reader = new LineReader(stream);
        string? mailFrom = null;
        var recipients = new List<string>();
        string? user = null;
        try
        {
            await WriteAsync(stream, GreetingReply);
            if (!GreetingReply.StartsWith('2'))
            {
                return;
            }

            while (!_stop.IsCancellationRequested)
            {
                var lineBytes = await reader.ReadLineAsync(_stop.Token);
                if (lineBytes is null)
                {
                    return;
                }

                var line = Encoding.UTF8.GetString(lineBytes);
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                _commands.Enqueue(line);
                Changed.Pulse();
                string reply;
                switch (verb)
                {
                    case "EHLO":
                        var extensions = new List<string> { "250-fake-smtp.test", "250-PIPELINING", "250-SIZE 52428800", "250-8BITMIME", "250-ENHANCEDSTATUSCODES" };
                        if (RequiredLogin is not null)
                        {
                            extensions.Add("250-AUTH PLAIN");
                        }

                        extensions.Add("250 SMTPUTF8");
                        reply = string.Join("\r\n", extensions);
                        break;
                    case "HELO":
                        reply = "250 fake-smtp.test";
                        break;
                    case "AUTH":
                        (reply, user) = await AuthenticateAsync(line, reader, stream);
                        break;
                    case "MAIL":
                        mailFrom = Between(line, '<', '>');
                        recipients.Clear();
                        reply = MailFromReply;
                        if (!reply.StartsWith('2'))
                        {
                            mailFrom = null;
                        }

                        break;
                    case "RCPT":
                        var recipient = Between(line, '<', '>');
                        reply = mailFrom is null ? "503 5.5.1 Error: need MAIL command" : RcptReply(recipient);
                        if (reply.StartsWith('2'))
                        {
                            recipients.Add(recipient);
                        }

                        break;
                    case "DATA":
                        if (mailFrom is null || recipients.Count == 0)
                        {
                            reply = "554 5.5.1 Error: no valid recipients";
                            break;
                        }

                        await WriteAsync(stream, "354 End data with <CR><LF>.<CR><LF>");
                        var data = await ReadDataAsync(reader);
                        if (data is null)
                        {
                            return;
                        }

                        verb = "DATA-END";
                        reply = DataReply;
                        if (DropAfter == verb)
                        {
                            return;
                        }

                        if (reply.StartsWith('2'))
                        {
                            _received.Enqueue(new SmtpReceivedMail(mailFrom, [.. recipients], data, user));
                            Changed.Pulse();
                        }

                        mailFrom = null;
                        recipients.Clear();
                        break;
                    case "RSET":
                        mailFrom = null;
                        recipients.Clear();
                        reply = "250 2.0.0 Ok";
                        break;
                    case "NOOP":
                        reply = "250 2.0.0 Ok";
                        break;
                    case "QUIT":
                        await WriteAsync(stream, "221 2.0.0 Bye");
                        return;
                    default:
                        reply = "502 5.5.2 Error: command not recognized";
                        break;
                }

                if (DropAfter == verb)
                {
                    return;
                }

                await WriteAsync(stream, reply);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // the client went away
        }
    }

    private async Task<(string Reply, string? User)> AuthenticateAsync(string line, LineReader reader, NetworkStream stream)
    {
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2 || !parts[1].Equals("PLAIN", StringComparison.OrdinalIgnoreCase))
        {
            return ("504 5.5.4 Unrecognized authentication type", null);
        }

        var response = parts.Length > 2 ? parts[2] : null;
        if (response is null)
        {
            await WriteAsync(stream, "334 ");
            response = Encoding.ASCII.GetString(await reader.ReadLineAsync(_stop.Token) ?? []);
        }

        var fields = Encoding.UTF8.GetString(Convert.FromBase64String(response)).Split('\0');
        var (user, password) = fields.Length == 3 ? (fields[1], fields[2]) : ("", "");
        return RequiredLogin is { } login && login.User == user && login.Password == password
            ? ("235 2.7.0 Authentication successful", user)
            : ("535 5.7.8 Error: authentication failed", null);
    }

    private async Task<byte[]?> ReadDataAsync(LineReader reader)
    {
        using var data = new MemoryStream();
        while (true)
        {
            var line = await reader.ReadLineAsync(_stop.Token);
            if (line is null)
            {
                return null;
            }

            if (line is [(byte)'.'])
            {
                return data.ToArray();
            }

            var content = line.Length > 0 && line[0] == (byte)'.' ? line.AsSpan(1) : line.AsSpan();
            data.Write(content);
            data.Write("\r\n"u8);
        }
    }

    private static string Between(string text, char open, char close)
    {
        var start = text.IndexOf(open, StringComparison.Ordinal);
        var end = text.IndexOf(close, start + 1);
        return start >= 0 && end > start ? text[(start + 1)..end] : "";
    }

    private static async Task WriteAsync(NetworkStream stream, string reply) =>
        await stream.WriteAsync(Encoding.UTF8.GetBytes(reply + "\r\n"));

    /// <summary>Reads CRLF-terminated lines as bytes (DATA may carry 8-bit text).</summary>
    private sealed class LineReader(NetworkStream stream)
    {
        private readonly byte[] _buffer = new byte[8192];
        private int _start;
        private int _end;

        public async Task<byte[]?> ReadLineAsync(CancellationToken cancellationToken)
        {
            using var line = new MemoryStream();
            while (true)
            {
                for (var i = _start; i < _end; i++)
                {
                    if (_buffer[i] == (byte)'\n')
                    {
                        line.Write(_buffer, _start, i - _start);
                        _start = i + 1;
                        var bytes = line.ToArray();
                        return bytes.Length > 0 && bytes[^1] == (byte)'\r' ? bytes[..^1] : bytes;
                    }
                }

                line.Write(_buffer, _start, _end - _start);
                _start = 0;
                _end = await stream.ReadAsync(_buffer, cancellationToken);
                if (_end == 0)
                {
                    return null;
                }
            }
        }
    }
}
