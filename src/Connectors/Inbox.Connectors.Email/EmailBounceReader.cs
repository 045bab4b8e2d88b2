using System.Text.RegularExpressions;
using MimeKit;

namespace Inbox.Connectors.Email;

/// <summary>Reads delivery status notifications: <c>multipart/report; report-type=delivery-status</c> (RFC 3464).</summary>
public static partial class EmailBounceReader
{
    public static bool IsDeliveryReport(MimeMessage message) =>
        message.Body is { } body && body.ContentType.IsMimeType("multipart", "report")
        && (body.ContentType.Parameters["report-type"]?.Trim().ToLowerInvariant() is "delivery-status" or null
            || message.BodyParts.OfType<MessageDeliveryStatus>().Any());

    /// <summary>The report in a DSN, or null when the mail is no DSN (or has no status fields at all).</summary>
    public static EmailBounce? TryRead(MimeMessage message)
    {
        if (!IsDeliveryReport(message))
        {
            return null;
        }

        var status = message.BodyParts.OfType<MessageDeliveryStatus>().FirstOrDefault();
        if (status is null)
        {
            return null;
        }

        var recipients = status.StatusGroups.Skip(1).ToList();
        if (recipients.Count == 0)
        {
            return null;
        }

        // The worst news first: one failed recipient makes the report a failure.
        var ranked = recipients
            .Select(group => (Group: group, Kind: KindOf(group["Action"], group["Status"])))
            .Where(r => r.Kind is not null)
            .OrderBy(r => r.Kind)
            .ToList();
        if (ranked.Count == 0)
        {
            return null;
        }

        var (chosen, kind) = ranked[0];
        var code = StatusCode().Match(chosen["Status"] ?? "") is { Success: true } match ? match.Value : null;
        var diagnostic = Clean(chosen["Diagnostic-Code"]);
        var recipient = Clean(chosen["Final-Recipient"] ?? chosen["Original-Recipient"]);
        return new EmailBounce(kind!.Value, OriginalIds(message), code, Describe(kind.Value, code, diagnostic, recipient));
    }

    private static EmailBounceKind? KindOf(string? action, string? status)
    {
        var verb = action?.Trim().ToLowerInvariant();
        var statusClass = status?.Trim() is { Length: > 0 } s ? s[0] : ' ';
        return verb switch
        {
            "failed" => EmailBounceKind.Failed,
            "delayed" => EmailBounceKind.Delayed,
            "delivered" or "relayed" or "expanded" => EmailBounceKind.Delivered,
            _ => statusClass switch
            {
                '5' => EmailBounceKind.Failed,
                '4' => EmailBounceKind.Delayed,
                '2' => EmailBounceKind.Delivered,
                _ => null,
            },
        };
    }

    private static List<string> OriginalIds(MimeMessage message)
    {
        var ids = new List<string>();
        foreach (var part in message.BodyParts.OfType<MessagePart>())
        {
            if (EmailMessageIds.Normalize(part.Message?.MessageId) is { } id && !ids.Contains(id))
            {
                ids.Add(id);
            }
        }

        foreach (var id in EmailMessageIds.ReadInReplyTo(message))
        {
            if (!ids.Contains(id))
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    private static string Describe(EmailBounceKind kind, string? code, string? diagnostic, string? recipient)
    {
        var what = kind switch
        {
            EmailBounceKind.Failed => "The email could not be delivered",
            EmailBounceKind.Delayed => "The email is delayed",
            _ => "The email was delivered",
        };
        var to = recipient is null ? "" : " to " + recipient.Replace("rfc822;", "", StringComparison.OrdinalIgnoreCase).Trim();
        var detail = diagnostic is null ? "" : ": " + StripType(diagnostic);
        var status = code is null ? "" : $" (status {code})";
        return $"{what}{to}{status}{detail}";
    }

    /// <summary>"smtp; 550 5.1.1 …" → "550 5.1.1 …".</summary>
    private static string StripType(string diagnostic)
    {
        var semicolon = diagnostic.IndexOf(';', StringComparison.Ordinal);
        return semicolon > 0 && semicolon < 12 ? diagnostic[(semicolon + 1)..].Trim() : diagnostic;
    }

    private static string? Clean(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = Whitespace().Replace(value, " ").Trim();
        return text.Length <= 500 ? text : text[..500] + "…";
    }

    [GeneratedRegex(@"[245]\.\d{1,3}\.\d{1,3}")]
    private static partial Regex StatusCode();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
