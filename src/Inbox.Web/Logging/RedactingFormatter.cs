using Serilog.Events;
using Serilog.Formatting;

namespace Inbox.Web.Logging;

/// <summary>
/// The last line of defence before the console: renders the event with <paramref name="inner"/> and replaces, in the whole
/// line, the configured secrets, URL secrets, phone numbers and emails. It catches what no property carries: an exception's
/// message and stack, and a message from a library that logged preformatted text.
/// </summary>
public sealed class RedactingFormatter(ITextFormatter inner, ConfiguredSecrets secrets) : ITextFormatter
{
    public void Format(LogEvent logEvent, TextWriter output)
    {
        using var line = new StringWriter(output.FormatProvider);
        inner.Format(logEvent, line);
        output.Write(SensitiveDataMasker.MaskContacts(secrets.Redact(line.ToString())));
    }
}
