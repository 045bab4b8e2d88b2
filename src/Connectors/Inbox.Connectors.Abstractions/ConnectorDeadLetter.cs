namespace Inbox.Connectors;

/// <summary>
/// Something a connector gave up on after repeated failures and skipped so the rest could flow (a mail the IMAP server
/// refuses to hand over, or that cannot be parsed): shown to admins in <c>/health/ready</c>.
/// </summary>
/// <param name="Item">What was skipped, in the provider's words (e.g. "UID 7 (UIDVALIDITY 1712345678) in INBOX").</param>
/// <param name="Reason">The last failure (no secrets, no message content).</param>
/// <param name="At">When it was skipped.</param>
public sealed record ConnectorDeadLetter(string Item, string Reason, DateTimeOffset At);
