namespace Inbox.Web.OperatorApi;

/// <summary>
/// The <c>Idempotency-Key</c> request header of a reply or a note: a client-made id (a GUID, say) of at most
/// <see cref="MaxLength"/> printable ASCII characters. Absent: no idempotency.
/// </summary>
public static class IdempotencyKeyHeader
{
    public const string Name = "Idempotency-Key";

    public const int MaxLength = 100;

    /// <summary>The key (null when the header is absent); false with a 400 problem when it is malformed or repeated.</summary>
    public static bool TryRead(HttpContext context, out string? key, out IResult problem)
    {
        key = null;
        problem = Results.Empty;
        var values = context.Request.Headers[Name];
        if (values.Count == 0)
        {
            return true;
        }

        var text = values.Count == 1 ? values[0]?.Trim() : null;
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength || text.Any(c => c is < '!' or > '~'))
        {
            problem = Results.ValidationProblem(new Dictionary<string, string[]>
            {
                [Name] = [$"An {Name} is one value of 1–{MaxLength} printable ASCII characters without spaces (a GUID, say)."],
            });
            return false;
        }

        key = text;
        return true;
    }
}
