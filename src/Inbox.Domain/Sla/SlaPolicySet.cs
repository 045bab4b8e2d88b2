namespace Inbox.Domain.Sla;

/// <summary>The policies in force, where they come from (<see cref="FromSettings"/> or <see cref="FromStore"/>) and when they were written (store only).</summary>
public sealed record SlaPolicySet(SlaCatalog Catalog, SlaOptions Options, string Source, DateTimeOffset? UpdatedAt)
{
    /// <summary>The <c>Sla</c> settings: no supervisor wrote policies yet.</summary>
    public const string FromSettings = "settings";

    /// <summary>Written by a supervisor (<c>PUT /api/v1/sla/policies</c>); the settings' policies no longer apply.</summary>
    public const string FromStore = "store";
}
