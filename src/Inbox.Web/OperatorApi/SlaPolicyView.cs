using Inbox.Domain.Conversations;
using Inbox.Domain.Sla;

namespace Inbox.Web.OperatorApi;

/// <summary>One SLA policy: its team and priority (null: any), its targets in business time, and its schedule (null: around the clock).</summary>
public sealed record SlaPolicyView(string? Team, ConversationPriority? Priority, TimeSpan FirstResponse, TimeSpan Resolution, string? Schedule)
{
    public static SlaPolicyView From(SlaPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return new SlaPolicyView(policy.Team, policy.Priority, policy.FirstResponse, policy.Resolution, policy.Schedule);
    }
}
