namespace Inbox.Connectors.Telephony;

/// <summary>Which telephony adapters are on (their keys are set). Registered by <see cref="TelephonyModule"/>, read by <see cref="TelephonyEndpoints.MapTelephony"/>.</summary>
/// <param name="Enabled">Provider names from <see cref="TelephonyProviders"/>.</param>
public sealed record TelephonyAdapters(IReadOnlyList<string> Enabled)
{
    public bool IsOn(string provider) => Enabled.Contains(provider, StringComparer.Ordinal);
}
