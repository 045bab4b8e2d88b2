using Inbox.Domain.Conversations;
using Inbox.Domain.Customers;

namespace Inbox.Domain.Calls;

/// <summary>
/// The screen pop: who is calling, before anyone picks up. Sent when the call rings (to the operator at the ringing
/// extension, or to everyone on duty), and again when it is answered or ends so the other screens can close it.
/// For an unknown number that an order names next to a known customer's address, <see cref="SuggestedCustomer"/> is that
/// customer: a suggestion the operator confirms (a caller ID never links anything by itself).
/// </summary>
[GenerateSerializer, Immutable, Alias("Inbox.CallPop")]
public sealed record CallPop(
    [property: Id(0)] CallInfo Call,
    [property: Id(1)] CustomerCard? Customer,
    [property: Id(2)] ConversationSnapshot? Conversation,
    [property: Id(3)] IReadOnlyList<TimelineMessage> LastMessages,
    [property: Id(4)] IReadOnlyList<OrderSummary> OpenOrders,
    [property: Id(5)] bool CanCreateCustomer,
    [property: Id(6)] Customers.CustomerCard? SuggestedCustomer = null);
