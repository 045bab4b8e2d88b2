namespace Inbox.Chatbot.Local;

/// <summary>One line of the labelled data set: a label (<c>order_status</c>, <c>fraud_code_request</c>, <c>quiz</c>...) and a customer phrase.</summary>
/// <param name="Label">The data-set label; <see cref="Intents.ToTopLevel"/> gives its intent.</param>
/// <param name="Text">The phrase.</param>
public sealed record LabelledText(string Label, string Text);
