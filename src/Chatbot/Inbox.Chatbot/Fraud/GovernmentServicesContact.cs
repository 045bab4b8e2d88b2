namespace Inbox.Chatbot.Fraud;

/// <summary>A government services portal: its name and where its sessions are shown, per language (ru, uk, en), and its hotline.</summary>
public sealed class GovernmentServicesContact
{
    /// <summary>The portal's name per language, such as <c>ru: Госуслуги</c>, <c>en: Gosuslugi</c>.</summary>
    public Dictionary<string, string> Name { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Where the active sessions are, per language, such as <c>en: Profile → Security</c>. Optional.</summary>
    public Dictionary<string, string> SessionsPath { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The portal's hotline, such as <c>8-800-100-70-10</c>. Optional.</summary>
    public string? Hotline { get; set; }
}
