namespace Inbox.Connectors;

/// <summary>A value of <see cref="IConnectorCursorStore"/> to store together with a message, atomically.</summary>
public sealed record ConnectorCheckpoint(string Key, string Value);
