using Inbox.Domain.Conversations;
using Inbox.Domain.Live;

namespace Inbox.Domain.Storage;

/// <summary>
/// Everything one step of a conversation writes, in one transaction: its new state, the events it raised,
/// a new timeline item or a changed one, (for a reply) the outbox entry that will deliver it, and the SLA clock rows the
/// step started, stopped or marked (<see cref="SlaClocks"/>, upserted by conversation and target), and the idempotency key
/// the new item was made under (<see cref="Idempotency"/>: the key already stored makes the commit a duplicate).
/// <see cref="NewCustomer"/>, on a conversation's first message, is its customer's directory row, written unless the customer
/// has one: a customer made by that message is listed in the message's own transaction, not by a write before it.
/// <see cref="ClaimedIdentity"/>, on such a message, is its sender's identity, claimed for the conversation's customer in the
/// same transaction; when another customer owns it by then, the store refuses the whole commit (<see cref="IdentityClaimedException"/>).
/// </summary>
public sealed record ConversationCommit(
    ConversationSnapshot Conversation,
    IReadOnlyList<LiveEvent> Events,
    TimelineMessage? NewMessage = null,
    TimelineMessage? ChangedMessage = null,
    OutboxEntry? Outbox = null,
    TimelineMove? Move = null,
    KeyValuePair<string, string>? Cursor = null,
    IReadOnlyList<Sla.SlaClockRecord>? SlaClocks = null,
    IdempotencyRecord? Idempotency = null,
    CustomerSummary? NewCustomer = null,
    string? ClaimedIdentity = null);
