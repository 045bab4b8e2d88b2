namespace Inbox.Connectors.Twilio.Tests.Infrastructure;

/// <summary>How the fake Twilio answers one message create.</summary>
/// <param name="Status">The HTTP status; 201 creates the message.</param>
/// <param name="Code">Twilio's error code for the error body (<c>{"code","message","more_info","status"}</c>).</param>
/// <param name="RetryAfter">A Retry-After header value.</param>
/// <param name="CreateAnyway">Create the message, then answer <paramref name="Status"/> (a 5xx after the message went out).</param>
/// <param name="Hang">Never answer (until the client gives up).</param>
/// <param name="RawBody">A body that is not Twilio's JSON (an HTML page from a proxy).</param>
public sealed record FakeTwilioAnswer(int Status, int? Code = null, string? Message = null, string? RetryAfter = null,
    bool CreateAnyway = false, bool Hang = false, string? RawBody = null);
