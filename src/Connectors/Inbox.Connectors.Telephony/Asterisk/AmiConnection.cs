using System.Text;

namespace Inbox.Connectors.Telephony;

/// <summary>One open AMI connection: reads whole messages (through <see cref="AmiParser"/>) and writes actions, one at a time.</summary>
internal sealed class AmiConnection(Stream stream) : IDisposable
{
    private readonly AmiParser _parser = new();
    private readonly Queue<AmiMessage> _pending = new();
    private readonly byte[] _buffer = new byte[16 * 1024];
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private long _actionCounter;

    public string? Banner => _parser.Banner;

    /// <summary>Waits for the server's first line. False when the connection closed first.</summary>
    public async Task<bool> WaitForBannerAsync(CancellationToken cancellationToken)
    {
        while (_parser.Banner is null && _pending.Count == 0)
        {
            if (!await FillAsync(cancellationToken))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The next message, or null when the server closed the connection.</summary>
    public async Task<AmiMessage?> ReadAsync(CancellationToken cancellationToken)
    {
        while (_pending.Count == 0)
        {
            if (!await FillAsync(cancellationToken))
            {
                return null;
            }
        }

        return _pending.Dequeue();
    }

    /// <summary>Sends <c>Action: {action}</c> with a fresh ActionID and the given fields; returns the ActionID.</summary>
    public async Task<string> SendActionAsync(string action, IEnumerable<KeyValuePair<string, string>> fields, CancellationToken cancellationToken)
    {
        var actionId = $"{action.ToLowerInvariant()}-{Interlocked.Increment(ref _actionCounter)}";
        var text = new StringBuilder()
            .Append("Action: ").Append(action).Append("\r\n")
            .Append("ActionID: ").Append(actionId).Append("\r\n");
        foreach (var (key, value) in fields)
        {
            // A value is one line: a CR or LF in configuration would start a new field.
            text.Append(key).Append(": ").Append(value.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal)).Append("\r\n");
        }

        var bytes = Encoding.UTF8.GetBytes(text.Append("\r\n").ToString());
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await stream.WriteAsync(bytes, cancellationToken);
            await stream.FlushAsync(cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }

        return actionId;
    }

    public void Dispose()
    {
        stream.Dispose();
        _writeLock.Dispose();
    }

    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        var read = await stream.ReadAsync(_buffer, cancellationToken);
        if (read == 0)
        {
            return false;
        }

        foreach (var message in _parser.Feed(_buffer.AsSpan(0, read)))
        {
            _pending.Enqueue(message);
        }

        return true;
    }
}
