using Serilog.Core;
using Serilog.Events;

namespace Inbox.Web.Logging;

/// <summary>
/// Rewrites every log event's properties through <see cref="SensitiveDataMasker"/> before any sink sees them: the configured
/// secrets and the secrets in URLs are replaced, then phone numbers and emails are masked and message texts reduced to their length.
/// </summary>
public sealed class SensitiveDataEnricher(ConfiguredSecrets secrets) : ILogEventEnricher
{
    public SensitiveDataEnricher()
        : this(ConfiguredSecrets.None)
    {
    }

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        foreach (var (name, value) in logEvent.Properties.ToList())
        {
            var masked = Mask(name, value);
            if (!ReferenceEquals(masked, value))
            {
                logEvent.AddOrUpdateProperty(new LogEventProperty(name, masked));
            }
        }
    }

    private LogEventPropertyValue Mask(string name, LogEventPropertyValue value)
    {
        switch (value)
        {
            case ScalarValue { Value: string text }:
                var masked = SensitiveDataMasker.TextProperties.Contains(name) ? SensitiveDataMasker.MaskText(text) : SensitiveDataMasker.MaskContacts(secrets.Redact(text));
                return masked == text ? value : new ScalarValue(masked);
            case ScalarValue { Value: Uri uri }:
                // HttpClient's own logs carry the request URI as a Uri
                var redacted = SensitiveDataMasker.MaskContacts(secrets.Redact(uri.OriginalString));
                return redacted == uri.OriginalString ? value : new ScalarValue(redacted);
            case StructureValue structure:
                var properties = structure.Properties.Select(p => new LogEventProperty(p.Name, Mask(p.Name, p.Value))).ToList();
                return new StructureValue(properties, structure.TypeTag);
            case SequenceValue sequence:
                return new SequenceValue(sequence.Elements.Select(e => Mask(name, e)));
            case DictionaryValue dictionary:
                return new DictionaryValue(dictionary.Elements.Select(e => new KeyValuePair<ScalarValue, LogEventPropertyValue>(e.Key, Mask(e.Key.Value?.ToString() ?? name, e.Value))));
            default:
                return value;
        }
    }
}
