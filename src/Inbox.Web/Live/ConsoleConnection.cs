using System.Collections.Concurrent;
using Inbox.Domain.Operators;

namespace Inbox.Web.Live;

/// <summary>One console connected to this node: who it is and which conversations it has open.</summary>
public sealed class ConsoleConnection(string connectionId, Guid operatorId, OperatorRole role, string? extension = null)
{
    public string? Extension { get; } = extension;

    public string ConnectionId { get; } = connectionId;

    public Guid OperatorId { get; } = operatorId;

    public OperatorRole Role { get; } = role;

    public ConcurrentDictionary<Guid, bool> Watched { get; } = new();
}
