namespace Inbox.Chatbot.Local;

/// <summary>Precision and recall of one intent.</summary>
/// <param name="Intent">The intent.</param>
/// <param name="Precision">Right predictions of it / all predictions of it.</param>
/// <param name="Recall">Right predictions of it / examples labelled with it.</param>
/// <param name="Support">Examples labelled with it.</param>
public sealed record IntentScore(string Intent, double Precision, double Recall, int Support);
