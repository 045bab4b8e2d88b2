using Inbox.Domain.Sla;

namespace Inbox.Domain.Storage;

/// <summary>
/// The SLA part of the store: conversations' clocks (table <c>sla_clocks</c>, written with the conversation's commit,
/// <see cref="ConversationCommit.SlaClocks"/>) and the policies supervisors wrote (table <c>sla_policies</c>).
/// </summary>
public interface ISlaStore
{
    /// <summary>A conversation's clock rows (first response, resolution, the last out-of-hours answer).</summary>
    Task<IReadOnlyList<SlaClockRecord>> GetClocksAsync(Guid conversationId, CancellationToken cancellationToken = default);

    /// <summary>The conversations with a clock whose next moment (warning or due) is at or before <paramref name="upTo"/>, the earliest first.</summary>
    Task<IReadOnlyList<Guid>> DueConversationsAsync(DateTimeOffset upTo, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// The open conversations' SLA targets at risk or breached and not met yet (<see cref="SlaRisk"/>), at most
    /// <paramref name="limit"/>: breaches first, then by due time.
    /// </summary>
    Task<IReadOnlyList<SlaRisk>> OpenRisksAsync(int limit, CancellationToken cancellationToken = default);

    /// <summary>The earliest next moment of any clock; null when none runs.</summary>
    Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default);

    /// <summary>The policy document supervisors wrote last (JSON of <see cref="SlaOptions"/>) and when; null while none was written.</summary>
    Task<(string Document, DateTimeOffset UpdatedAt)?> GetPoliciesAsync(CancellationToken cancellationToken = default);

    /// <summary>Replaces the stored policy document.</summary>
    Task SavePoliciesAsync(string document, DateTimeOffset updatedAt, CancellationToken cancellationToken = default);
}
