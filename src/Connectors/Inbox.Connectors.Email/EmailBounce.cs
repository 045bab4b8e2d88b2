namespace Inbox.Connectors.Email;

/// <summary>A delivery status notification about one of our messages.</summary>
/// <param name="OriginalMessageIds">The Message-ID of the message it reports on (from the returned original, then the report's own In-Reply-To/References), without brackets; empty when it names none.</param>
/// <param name="Status">The enhanced status code, e.g. <c>5.1.1</c>, when the report has one.</param>
/// <param name="Reason">Words for the operator: what failed and the receiving server's answer.</param>
public sealed record EmailBounce(EmailBounceKind Kind, IReadOnlyList<string> OriginalMessageIds, string? Status, string Reason);
