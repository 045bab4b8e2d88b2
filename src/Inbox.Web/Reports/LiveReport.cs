using Inbox.Domain.Sla;

namespace Inbox.Web.Reports;

/// <summary>The live figures: the queue of each team, the operators, and the conversations at SLA risk, as of <see cref="ComputedAt"/>.</summary>
public sealed record LiveReport(DateTimeOffset ComputedAt, IReadOnlyList<TeamQueueView> Queues, LiveOperatorsView Operators, IReadOnlyList<SlaRisk> SlaAtRisk);
