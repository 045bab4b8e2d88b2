namespace Inbox.Connectors.Vk.Tests.Infrastructure;

/// <summary>A message the fake VK actually delivered to the customer (a repeated random_id delivers nothing).</summary>
public sealed record SentVkMessage(long MessageId, string PeerId, string RandomId, string? Text, string? Attachment);
