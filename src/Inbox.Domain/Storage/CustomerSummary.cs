namespace Inbox.Domain.Storage;

/// <summary>A line of a customer search.</summary>
public sealed record CustomerSummary(Guid CustomerId, string? Name, IReadOnlyList<string> Identities)
{
    /// <summary>The row of a customer made by a message: the sender's name trimmed (none when blank), each identity once.</summary>
    public static CustomerSummary FromMessage(Guid customerId, string? senderName, IEnumerable<string> identities) =>
        new(customerId, string.IsNullOrWhiteSpace(senderName) ? null : senderName.Trim(), identities.Distinct(StringComparer.Ordinal).ToList());
}
