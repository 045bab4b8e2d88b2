namespace Inbox.Chatbot.Fraud;

/// <summary>Where fraud is reported: a name per language (ru, uk, en) and a phone number or site.</summary>
public sealed class FraudReportingLine
{
    /// <summary>The service's name per language, such as <c>en: Action Fraud</c>.</summary>
    public Dictionary<string, string> Name { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Its phone number or site, such as <c>0300 123 2040</c>.</summary>
    public string? Contact { get; set; }
}
