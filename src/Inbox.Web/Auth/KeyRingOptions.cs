namespace Inbox.Web.Auth;

/// <summary>
/// The <c>DataProtection</c> section: where the keys that sign cookies and tokens are kept, and what encrypts them at rest:
/// a certificate (<see cref="CertificatePath"/>, a PKCS#12 file) or a secret <see cref="Key"/>. Without either the key ring
/// is stored in plain text, and the node warns at every start.
/// </summary>
public sealed class KeyRingOptions
{
    public const string SectionName = "DataProtection";

    /// <summary>The shortest <see cref="Key"/> accepted.</summary>
    public const int MinKeyLength = 32;

    /// <summary>
    /// The key folder. By default the key ring is in the store on PostgreSQL (the <c>data_protection_keys</c> table, shared
    /// by every node) and in <c>keys/</c> beside the database on SQLite; null after start when it is in PostgreSQL.
    /// </summary>
    public string? KeysPath { get; set; }

    /// <summary>A PKCS#12 (.pfx) file with a private key that encrypts the key ring.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>A secret of at least <see cref="MinKeyLength"/> characters that encrypts the key ring (AES-256-GCM).</summary>
    public string? Key { get; set; }

    public bool IsProtected => !string.IsNullOrEmpty(CertificatePath) || !string.IsNullOrEmpty(Key);
}
