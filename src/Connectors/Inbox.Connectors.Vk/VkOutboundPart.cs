namespace Inbox.Connectors.Vk;

/// <summary>One messages.send call of a reply: a piece of the text and/or up to 10 attachments (<c>photo1_2_key,doc3_4</c>).</summary>
public sealed record VkOutboundPart(string? Text, string? Attachment);
