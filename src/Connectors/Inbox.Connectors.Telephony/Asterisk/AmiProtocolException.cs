namespace Inbox.Connectors.Telephony;

/// <summary>The AMI server sent something this client cannot follow (an endless line, a login refusal); the connection is dropped and reopened.</summary>
public sealed class AmiProtocolException(string message) : Exception(message);
