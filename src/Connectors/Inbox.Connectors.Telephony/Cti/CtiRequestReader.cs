using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Inbox.Connectors.Telephony;

/// <summary>Reads a <see cref="CtiRequest"/> from a JSON or form-data body. Unknown fields are ignored.</summary>
internal static class CtiRequestReader
{
    public static async Task<(CtiRequest? Request, WebhookError? Error)> ReadAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (context.Request.HasJsonContentType())
        {
            var (json, jsonError) = await WebhookRequests.ReadJsonAsync(context, cancellationToken);
            if (json is null)
            {
                return (null, jsonError);
            }

            using (json)
            {
                return (FromJson(json.RootElement), null);
            }
        }

        if (context.Request.HasFormContentType)
        {
            var (form, formError) = await WebhookRequests.ReadFormAsync(context, cancellationToken);
            return form is null ? (null, formError) : (FromForm(form), null);
        }

        return (null, new WebhookError(StatusCodes.Status415UnsupportedMediaType, "Send the event as JSON (application/json) or form data."));
    }

    public static CtiRequest FromJson(JsonElement root)
    {
        var users = new List<string>();
        foreach (var name in (string[])["user", "user[]"])
        {
            if (root.TryGetProperty(name, out var user))
            {
                if (user.ValueKind == JsonValueKind.Array)
                {
                    users.AddRange(user.EnumerateArray().Select(Text).OfType<string>());
                }
                else if (Text(user) is { } single)
                {
                    users.Add(single);
                }
            }
        }

        return new CtiRequest(
            Property(root, "event"),
            Property(root, "from"),
            Property(root, "to"),
            Property(root, "direction"),
            Property(root, "callId") ?? Property(root, "call_id"),
            Clean(users),
            Property(root, "queue"),
            Property(root, "cause"),
            Property(root, "answeringNumber"));
    }

    public static CtiRequest FromForm(IFormCollection form)
    {
        var users = new List<string>();
        foreach (var name in (string[])["user", "user[]"])
        {
            if (form.TryGetValue(name, out var values))
            {
                users.AddRange(values.OfType<string>());
            }
        }

        return new CtiRequest(
            WebhookRequests.Field(form, "event"),
            CallerNumbers.FromProvider(WebhookRequests.Field(form, "from"), restoreDecodedPlus: true),
            CallerNumbers.FromProvider(WebhookRequests.Field(form, "to"), restoreDecodedPlus: true),
            WebhookRequests.Field(form, "direction"),
            WebhookRequests.Field(form, "callId") ?? WebhookRequests.Field(form, "call_id"),
            Clean(users),
            WebhookRequests.Field(form, "queue"),
            WebhookRequests.Field(form, "cause"),
            CallerNumbers.FromProvider(WebhookRequests.Field(form, "answeringNumber"), restoreDecodedPlus: true));
    }

    private static string? Property(JsonElement root, string name) => root.TryGetProperty(name, out var value) ? Text(value) : null;

    /// <summary>Strings as they are; numbers as written (a PBX may send <c>"from": 493055571600</c>); anything else is absent.</summary>
    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        _ => null,
    };

    private static List<string> Clean(IEnumerable<string> users) =>
        users.Select(u => u.Trim()).Where(u => u.Length > 0).Distinct(StringComparer.Ordinal).ToList();
}
