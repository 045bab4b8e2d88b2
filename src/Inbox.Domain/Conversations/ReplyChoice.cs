namespace Inbox.Domain.Conversations;

/// <summary>
/// A button the customer can press instead of typing an answer (a customer satisfaction rating 1 to 5). A channel that
/// shows buttons (Telegram: an inline keyboard, VK: an inline keyboard) renders <see cref="Label"/> and hands
/// <see cref="Data"/> back as the text of the press; the others ignore it, so the reply's text must ask for a typed answer.
/// </summary>
/// <param name="Label">What the button says (short: a digit).</param>
/// <param name="Data">What a press sends back (at most 64 bytes of UTF-8, Telegram's limit for callback data).</param>
[GenerateSerializer, Immutable, Alias("Inbox.ReplyChoice")]
public sealed record ReplyChoice(
    [property: Id(0)] string Label,
    [property: Id(1)] string Data);
