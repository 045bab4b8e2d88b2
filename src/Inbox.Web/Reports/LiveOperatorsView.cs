using Inbox.Web.OperatorApi;

namespace Inbox.Web.Reports;

/// <summary>The operators now: how many are online, away and offline, their load and capacity summed, and each one.</summary>
public sealed record LiveOperatorsView(int Online, int Away, int Offline, int Load, int Capacity, IReadOnlyList<OperatorPresenceView> Operators);
