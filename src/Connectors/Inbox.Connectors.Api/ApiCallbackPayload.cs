namespace Inbox.Connectors.Api;

/// <summary>What Inbox POSTs to <see cref="ApiChannelOptions.CallbackUrl"/> for each reply. <see cref="MessageId"/> is the same on every retry.</summary>
public sealed record ApiCallbackPayload(Guid MessageId, Guid ConversationId, string Recipient, string Text, DateTimeOffset CreatedAt, int Attempt);
