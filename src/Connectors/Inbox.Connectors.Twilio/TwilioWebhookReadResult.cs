using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;

namespace Inbox.Connectors.Twilio;

/// <summary>A webhook's parameters once its signature is proven, or the answer that refuses it (nothing else is done then).</summary>
public sealed record TwilioWebhookReadResult(TwilioWebhookParameters? Parameters, IResult? Rejection)
{
    [MemberNotNullWhen(true, nameof(Parameters))]
    [MemberNotNullWhen(false, nameof(Rejection))]
    public bool Authentic => Parameters is not null;

    public static TwilioWebhookReadResult Accept(TwilioWebhookParameters parameters) => new(parameters, null);

    public static TwilioWebhookReadResult Reject(IResult rejection) => new(null, rejection);
}
