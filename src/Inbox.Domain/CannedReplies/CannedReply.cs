namespace Inbox.Domain.CannedReplies;

/// <summary>
/// A prepared answer operators insert by typing <c>/</c> and its <see cref="Key"/> in the reply box. <see cref="Text"/> may
/// hold variables the console fills in when inserting it (<c>{customer.name}</c>, <c>{order.number}</c>, <c>{operator.name}</c>).
/// </summary>
public sealed record CannedReply(string Key, string Title, string Text, DateTimeOffset UpdatedAt, string? UpdatedBy);
