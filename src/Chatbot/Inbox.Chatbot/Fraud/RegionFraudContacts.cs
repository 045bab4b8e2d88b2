namespace Inbox.Chatbot.Fraud;

/// <summary>
/// Where a fraud victim in one country turns (<c>Chatbot:FraudContacts:&lt;REGION&gt;</c>). Every value is optional; an empty
/// value set in configuration removes a shipped one. The bank's number on the back of the card is advised everywhere.
/// </summary>
public sealed class RegionFraudContacts
{
    /// <summary>The police number to report the crime to, such as <c>102</c> (RU) or <c>101</c> (GB).</summary>
    public string? Police { get; set; }

    /// <summary>A national number that connects a caller to their own bank, such as <c>159</c> in the UK.</summary>
    public string? BankLine { get; set; }

    /// <summary>The government services portal whose sessions a victim checks (Gosuslugi in Russia).</summary>
    public GovernmentServicesContact? GovernmentServices { get; set; }

    /// <summary>A line or site that takes fraud reports (Action Fraud in the UK).</summary>
    public FraudReportingLine? FraudLine { get; set; }
}
