using MimeKit;
using MimeKit.Utils;

namespace Inbox.Connectors.Email;

/// <summary>
/// Message-IDs as we keep them: without the angle brackets (as MimeKit's properties hold them), e.g. <c>abc123@mail.example.ru</c>.
/// Our outbound Message-ID is returned in that form by <see cref="EmailSender"/>, and inbound In-Reply-To/References are
/// reported in it, so the host can match them.
/// </summary>
public static class EmailMessageIds
{
    /// <summary>Ids longer than this are not ids (RFC 5322 lines are at most 998 characters; real ids are far shorter).</summary>
    public const int MaxLength = 250;

    /// <summary>At most this many ids of References are kept (the first, and the newest ones), against huge References headers.</summary>
    public const int MaxReferences = 20;

    /// <summary>The id without brackets and spaces, or null when it is not a usable id (empty, too long, no <c>@</c>, control characters).</summary>
    public static string? Normalize(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }

        var text = id.Trim();
        if (text.StartsWith('<') && text.EndsWith('>'))
        {
            text = text[1..^1].Trim();
        }

        var at = text.LastIndexOf('@');
        if (text.Length > MaxLength || at <= 0 || at == text.Length - 1
            || text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or '"' or '(' or ')' or ',' or ';'))
        {
            return null;
        }

        return text;
    }

    /// <summary>The ids of a References header, oldest first, usable ones only, cut to the first one and the newest ones.</summary>
    public static IReadOnlyList<string> ReadReferences(MimeMessage message)
    {
        var ids = new List<string>();
        foreach (var id in message.References)
        {
            if (Normalize(id) is { } normalized && !ids.Contains(normalized, StringComparer.Ordinal))
            {
                ids.Add(normalized);
            }
        }

        return Cut(ids);
    }

    /// <summary>The ids a message answers: In-Reply-To first, then References from the newest to the oldest, without repeats.</summary>
    public static IReadOnlyList<string> ReadInReplyTo(MimeMessage message)
    {
        var ids = new List<string>();
        var inReplyTo = message.Headers[HeaderId.InReplyTo];
        if (!string.IsNullOrWhiteSpace(inReplyTo))
        {
            foreach (var id in MimeUtils.EnumerateReferences(inReplyTo))
            {
                if (Normalize(id) is { } normalized && !ids.Contains(normalized, StringComparer.Ordinal))
                {
                    ids.Add(normalized);
                }
            }
        }

        foreach (var id in ReadReferences(message).Reverse())
        {
            if (!ids.Contains(id, StringComparer.Ordinal))
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    /// <summary>The References of a reply: the parent's References (cut) and then the parent's own id.</summary>
    public static IReadOnlyList<string> ReferencesForReply(IEnumerable<string> parentReferences, string? parentId)
    {
        var ids = new List<string>();
        foreach (var id in parentReferences)
        {
            if (Normalize(id) is { } normalized && !ids.Contains(normalized, StringComparer.Ordinal))
            {
                ids.Add(normalized);
            }
        }

        if (Normalize(parentId) is { } parent)
        {
            ids.Remove(parent);
            ids.Add(parent);
        }

        return Cut(ids);
    }

    /// <summary>Splits a stored list ("a@b c@d" or "&lt;a@b&gt; &lt;c@d&gt;") into ids.</summary>
    public static IEnumerable<string> Split(string? stored) =>
        string.IsNullOrWhiteSpace(stored)
            ? []
            : stored.Split([' ', '\t', '\r', '\n', ','], StringSplitOptions.RemoveEmptyEntries).Select(Normalize).OfType<string>();

    private static List<string> Cut(List<string> ids)
    {
        if (ids.Count <= MaxReferences)
        {
            return ids;
        }

        // RFC 5322 3.6.4: keep the first (the thread's root) and the newest.
        return [ids[0], .. ids.Skip(ids.Count - (MaxReferences - 1))];
    }
}
