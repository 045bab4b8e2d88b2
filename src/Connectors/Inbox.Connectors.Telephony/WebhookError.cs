using Microsoft.AspNetCore.Http;

namespace Inbox.Connectors.Telephony;

/// <summary>Why a webhook body was refused: an HTTP status (always 4xx) and a sentence for whoever reads the PBX's log.</summary>
internal sealed record WebhookError(int StatusCode, string Message)
{
    public static readonly WebhookError TooLarge = new(StatusCodes.Status413PayloadTooLarge, $"The body is larger than {WebhookRequests.MaxBodyBytes} bytes.");
}
