namespace Inbox.Web;

/// <summary>
/// The <c>Limits</c> section: what one request may carry, and how long each thing a person or a provider types may be.
/// Operators' requests over a limit are refused (400, naming the field); a provider's names are cut to fit and its texts
/// are kept up to <see cref="MaxInboundTextLength"/>. <see cref="Validation.InputCheck"/> applies them.
/// </summary>
public sealed class LimitsOptions
{
    public const string SectionName = "Limits";

    /// <summary>The largest request body in bytes (1 MiB); a larger one is answered 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1_048_576;

    /// <summary>A customer's name, an operator's display name (characters).</summary>
    public int MaxNameLength { get; set; } = 200;

    /// <summary>An operator's reply or note (characters); the same as the API channel's inbound text.</summary>
    public int MaxTextLength { get; set; } = 10_000;

    /// <summary>A customer's message as a channel delivers it (characters); the rest is cut off, and the text says so.</summary>
    public int MaxInboundTextLength { get; set; } = 65_536;

    /// <summary>Identities in one request (a new customer's list).</summary>
    public int MaxIdentitiesPerRequest { get; set; } = 20;

    /// <summary>One identity as an operator types it (a phone, an email, kind:value), in characters.</summary>
    public int MaxIdentityLength { get; set; } = 320;

    /// <summary>Files sent with one reply.</summary>
    public int MaxAttachmentsPerReply { get; set; } = 10;

    /// <summary>An operator's login (characters).</summary>
    public int MaxLoginLength { get; set; } = 100;

    /// <summary>An operator's phone extension (characters).</summary>
    public int MaxExtensionLength { get; set; } = 32;

    /// <summary>Parts (files and fields) in one multipart upload.</summary>
    public int MaxUploadParts { get; set; } = 8;
}
