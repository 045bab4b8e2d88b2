namespace Inbox.Connectors;

/// <summary>
/// A button under a reply: a connector whose channel shows buttons renders <see cref="Label"/>, and a press comes back as an
/// inbound message whose text is <see cref="Data"/> (or <see cref="Label"/>, where the provider sends the button's text).
/// A channel without buttons ignores it; the reply's text then says what to type.
/// </summary>
/// <param name="Label">What the button says.</param>
/// <param name="Data">What a press hands back: at most 64 bytes of UTF-8.</param>
public sealed record OutboundChoice(string Label, string Data)
{
    /// <summary>The most bytes of <see cref="Data"/> (Telegram's limit for callback data).</summary>
    public const int MaxDataBytes = 64;
}
