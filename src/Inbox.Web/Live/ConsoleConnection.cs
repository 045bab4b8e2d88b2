using System.Collections.Concurrent;
using Inbox.Domain.Operators;

namespace Inbox.Web.Live;

/// <summary>
/// One console connected to this node: who it is, which conversations it has open, the login session it rides on, and how
/// to close it (when that session ends or its operator is disabled).
/// </summary>
public sealed class ConsoleConnection(string connectionId, Guid operatorId, OperatorRole role, string? extension = null,
    Guid? sessionId = null, Action? abort = null)
{
    public string? Extension { get; } = extension;

    public string ConnectionId { get; } = connectionId;

    public Guid OperatorId { get; } = operatorId;

    public OperatorRole Role { get; } = role;

    public Guid? SessionId { get; } = sessionId;

    public ConcurrentDictionary<Guid, bool> Watched { get; } = new();

    public void Abort() => abort?.Invoke();
}
