using Inbox.Domain.Conversations;

namespace Inbox.Domain.Sla;

/// <summary>One policy of <see cref="SlaOptions"/>; see <see cref="SlaPolicy"/>.</summary>
public sealed class SlaPolicyOptions
{
    /// <summary>The team's name; empty for any team.</summary>
    public string? Team { get; set; }

    /// <summary><c>Normal</c>, <c>High</c> or <c>Urgent</c>; empty for any priority.</summary>
    public ConversationPriority? Priority { get; set; }

    public TimeSpan FirstResponse { get; set; }

    public TimeSpan Resolution { get; set; }

    /// <summary>A schedule of <see cref="SlaOptions.Schedules"/>; empty for around the clock.</summary>
    public string? Schedule { get; set; }
}
