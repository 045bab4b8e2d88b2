namespace Inbox.Connectors.Twilio;

/// <summary>What a Twilio error code means for a reply.</summary>
/// <param name="Reason">In words an operator understands, ending with the code.</param>
/// <param name="Transient">Sending again later may work (rate limit, a full queue, a phone switched off).</param>
/// <param name="RecipientUnreachable">The customer cannot be written to on this number until they act (replied STOP).</param>
public sealed record TwilioErrorDescription(int? Code, string Reason, bool Transient, bool RecipientUnreachable);
