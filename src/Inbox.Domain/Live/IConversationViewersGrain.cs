namespace Inbox.Domain.Live;

/// <summary>
/// The consoles that have one conversation open (keyed by the conversation's id), on any web node. A web node reports a
/// console that opens the conversation, leaves it (opens another, closes, drops) or types in its reply box, and renews the
/// consoles it holds every few seconds: a console not renewed for <see cref="ViewerLifetime"/> is dropped (its node died),
/// and a typing signal lasts <see cref="TypingLifetime"/>. Each change is pushed to every web node
/// (<see cref="ILiveEventObserver.OnViewersAsync"/>), which passes it to the consoles that have the conversation open.
/// </summary>
[Alias("Inbox.IConversationViewersGrain")]
public interface IConversationViewersGrain : IGrainWithGuidKey
{
    /// <summary>How long a typing signal lasts without a new one.</summary>
    public static readonly TimeSpan TypingLifetime = TimeSpan.FromSeconds(6);

    /// <summary>How long a console stays listed without its node renewing it.</summary>
    public static readonly TimeSpan ViewerLifetime = TimeSpan.FromSeconds(60);

    [Alias("View")]
    Task<ConversationViewers> ViewAsync(string node, string connectionId, Guid operatorId, string name);

    [Alias("Leave")]
    Task LeaveAsync(string connectionId);

    /// <summary>The console is typing a reply; says nothing new while an earlier signal still lasts.</summary>
    [Alias("Typing")]
    Task TypingAsync(string connectionId);

    /// <summary><paramref name="node"/> still holds these consoles with the conversation open (and no others).</summary>
    [Alias("Renew")]
    Task RenewAsync(string node, [Immutable] IReadOnlyList<string> connectionIds);

    [Alias("Get")]
    Task<ConversationViewers> GetAsync();
}
