namespace Inbox.Domain.Operators;

/// <summary>
/// A person who logs in to the console; <see cref="Extension"/> is their phone extension, where screen pops for calls ringing there go.
/// A <see cref="Disabled"/> operator cannot log in and every session of theirs is refused; <see cref="Demo"/> marks the
/// embedded default's demo accounts (removed or disabled when <c>Demo:Enabled</c> is false). <see cref="Capacity"/> is how many
/// conversations they take at once, set by an admin (null: <c>Routing:DefaultCapacity</c>).
/// </summary>
public sealed record OperatorAccount(
    Guid OperatorId,
    string Login,
    string DisplayName,
    OperatorRole Role,
    string PasswordHash,
    DateTimeOffset CreatedAt,
    string? Extension = null,
    bool Disabled = false,
    bool Demo = false,
    int? Capacity = null);
