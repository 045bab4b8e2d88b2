namespace Inbox.Connectors.Email;

/// <summary>The plain text of an HTML body, and where its quoted part (the message replied to) begins, when it has one.</summary>
/// <param name="QuoteStart">The index in <see cref="Text"/> of the first <c>blockquote type="cite"</c> or <c>div.gmail_quote</c>.</param>
public sealed record EmailHtmlText(string Text, int? QuoteStart);
