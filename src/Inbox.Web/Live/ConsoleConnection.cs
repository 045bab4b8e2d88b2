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

    /// <summary>The conversation open on screen now (the last one watched): colleagues see this console as viewing it.</summary>
    public Guid? Viewing { get; set; }

    /// <summary>When this console last passed on a typing signal (the hub passes at most one every couple of seconds).</summary>
    public DateTimeOffset LastTypingAt { get; set; }

    public void Abort() => abort?.Invoke();
}
