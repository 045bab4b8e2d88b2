namespace Inbox.Connectors.Vk.Tests.Infrastructure;

/// <summary>One API method call the fake VK server received, with its form fields.</summary>
public sealed record RecordedCall(string Method, IReadOnlyDictionary<string, string> Form, DateTimeOffset At)
{
    public string this[string field] => Form[field];
}
