namespace Inbox.Connectors.Vk;

/// <summary>The answer of groups.getLongPollServer: where to poll, with which key, from which <c>ts</c>.</summary>
public sealed record VkLongPollServer(string Key, string Server, string Ts);
