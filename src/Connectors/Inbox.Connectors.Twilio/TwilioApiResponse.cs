using System.Net;

namespace Inbox.Connectors.Twilio;

/// <summary>An answer of Twilio's REST API: the resource on success, otherwise Twilio's error body (when it sent one) and its Retry-After.</summary>
public sealed record TwilioApiResponse<T>(HttpStatusCode StatusCode, T? Value, TwilioApiError? Error, TimeSpan? RetryAfter)
    where T : class
{
    public bool IsSuccess => (int)StatusCode is >= 200 and < 300;
}
