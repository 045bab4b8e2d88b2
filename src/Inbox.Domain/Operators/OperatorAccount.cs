namespace Inbox.Domain.Operators;

/// <summary>A person who logs in to the console.</summary>
public sealed record OperatorAccount(
    Guid OperatorId,
    string Login,
    string DisplayName,
    OperatorRole Role,
    string PasswordHash,
    DateTimeOffset CreatedAt);
