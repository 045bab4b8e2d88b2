namespace Inbox.Connectors.Telephony;

/// <summary><c>Telephony:Mango</c>: Mango Office VPBX events. On when both <see cref="ApiKey"/> and <see cref="ApiSalt"/> are set.</summary>
public sealed class MangoOptions
{
    public const string SectionName = "Telephony:Mango";

    /// <summary>The VPBX "unique code" (vpbx_api_key) from the Mango integration settings.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The VPBX "signing key" (vpbx_api_salt).</summary>
    public string? ApiSalt { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(ApiKey) && !string.IsNullOrWhiteSpace(ApiSalt);
}
