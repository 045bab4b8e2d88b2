using Inbox.Domain.Operators;

namespace Inbox.Web.Auth;

/// <summary>What one read of the store said of a session and its operator (either may be gone).</summary>
public sealed record CachedSession(OperatorSession? Session, OperatorAccount? Account);
