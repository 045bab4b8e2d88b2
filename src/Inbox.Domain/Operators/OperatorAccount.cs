namespace Inbox.Domain.Operators;

/// <summary>A person who logs in to the console; <see cref="Extension"/> is their phone extension, where screen pops for calls ringing there go.</summary>
public sealed record OperatorAccount(
    Guid OperatorId,
    string Login,
    string DisplayName,
    OperatorRole Role,
    string PasswordHash,
    DateTimeOffset CreatedAt,
    string? Extension = null);
