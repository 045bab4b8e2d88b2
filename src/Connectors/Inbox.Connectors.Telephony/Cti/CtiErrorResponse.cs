namespace Inbox.Connectors.Telephony;

/// <summary>Zammad's error body: <c>{"error":"Invalid token, please contact your admin!"}</c>.</summary>
public sealed record CtiErrorResponse(string Error);
