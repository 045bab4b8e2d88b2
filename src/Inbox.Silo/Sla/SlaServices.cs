using Inbox.Domain.Sla;
using Inbox.Domain.Storage;

namespace Inbox.Silo.Sla;

/// <summary>What a conversation grain needs for its SLA clocks and out-of-hours answer: the clock rows and the policies in force.</summary>
public sealed class SlaServices(ISlaStore store, ISlaPolicies policies)
{
    public ISlaStore Store { get; } = store;

    public ISlaPolicies Policies { get; } = policies;
}
