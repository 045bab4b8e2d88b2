namespace Inbox.Identity;

/// <summary>The <c>Phone</c> configuration section.</summary>
public sealed class PhoneOptions
{
    public const string SectionName = "Phone";

    /// <summary>The region (ISO 3166 code, <c>RU</c> by default) whose national writing is read without a country code.</summary>
    public string DefaultRegion { get; set; } = "RU";
}
