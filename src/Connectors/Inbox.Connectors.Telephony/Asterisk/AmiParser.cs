using System.Text;

namespace Inbox.Connectors.Telephony;

/// <summary>
/// Incremental AMI reader: feed it bytes as they arrive, in any split, and it hands back whole messages. Lines end in
/// CRLF or a bare LF; a blank line ends a message; the first line of a connection, when it has no colon, is the banner
/// (<c>Asterisk Call Manager/9.0.0</c>). Lines without a colon inside a message are skipped. Bounded: a line longer than
/// <see cref="MaxLineBytes"/> or a message of more than <see cref="MaxFields"/> lines is a protocol error.
/// </summary>
public sealed class AmiParser
{
    public const int MaxLineBytes = 64 * 1024;
    public const int MaxFields = 2_000;

    private readonly List<byte> _line = new(256);
    private List<KeyValuePair<string, string>> _fields = [];
    private bool _firstLine = true;

    /// <summary>The banner line, once it has arrived.</summary>
    public string? Banner { get; private set; }

    /// <summary>Adds bytes; returns the messages they complete (possibly none).</summary>
    public IReadOnlyList<AmiMessage> Feed(ReadOnlySpan<byte> data)
    {
        List<AmiMessage>? messages = null;
        while (!data.IsEmpty)
        {
            var newline = data.IndexOf((byte)'\n');
            if (newline < 0)
            {
                Append(data);
                break;
            }

            Append(data[..newline]);
            data = data[(newline + 1)..];
            if (Line() is { } message)
            {
                (messages ??= []).Add(message);
            }
        }

        return messages ?? (IReadOnlyList<AmiMessage>)[];
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        if (_line.Count + bytes.Length > MaxLineBytes)
        {
            throw new AmiProtocolException($"An AMI line is longer than {MaxLineBytes} bytes.");
        }

        foreach (var b in bytes)
        {
            _line.Add(b);
        }
    }

    private AmiMessage? Line()
    {
        var count = _line.Count;
        if (count > 0 && _line[count - 1] == (byte)'\r')
        {
            count--;
        }

        var text = Encoding.UTF8.GetString(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_line)[..count]);
        _line.Clear();

        if (text.Length == 0)
        {
            if (_fields.Count == 0)
            {
                return null;
            }

            var message = new AmiMessage(_fields);
            _fields = [];
            return message;
        }

        var colon = text.IndexOf(':');
        if (_firstLine)
        {
            _firstLine = false;
            if (colon < 0)
            {
                Banner = text.Trim();
                return null;
            }
        }

        if (colon <= 0)
        {
            return null;
        }

        if (_fields.Count >= MaxFields)
        {
            throw new AmiProtocolException($"An AMI message has more than {MaxFields} lines.");
        }

        _fields.Add(KeyValuePair.Create(text[..colon].Trim(), text[(colon + 1)..].Trim()));
        return null;
    }
}
