namespace Inbox.Domain.Operators;

/// <summary>Failed logins counted under one key (<c>login:…</c> or <c>address:…</c>) since <see cref="WindowStart"/>, and the lockout they caused.</summary>
public sealed record LoginLockout(string Key, int Failures, DateTimeOffset WindowStart, DateTimeOffset? LockedUntil);
