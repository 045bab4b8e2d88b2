using Inbox.Domain;
using System.Text.RegularExpressions;
using Inbox.Domain.Conversations;

namespace Inbox.Web.OperatorApi;

/// <summary>
/// <c>PUT /api/v1/conversations/{id}/labels</c>: an operator sets the conversation's labels. Each label is 1 to
/// <see cref="MaxLength"/> characters (letters, digits, spaces, '-', '_', '.', ':'; starting with a letter or digit), at most
/// <see cref="MaxCount"/> of them; a label already on the conversation (the bot's) may stay whatever it is made of.
/// Repeats (ignoring case) count once. The change is a live event: other consoles and the lists follow.
/// </summary>
public static partial class LabelsEndpoint
{
    public const int MaxLength = 32;
    public const int MaxCount = 20;

    public static async Task<IResult> SetLabelsAsync(Guid id, LabelsBody? body, IGrainFactory grains)
    {
        if (body?.Labels is null)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["labels"] = ["Send labels: the whole list (empty to remove them all)."] },
                detail: "Send labels: the whole list (empty to remove them all).");
        }

        var grain = grains.Reference<IConversationGrain>(id);
        var current = await grain.GetAsync();
        var existing = current?.Labels ?? [];
        var labels = new List<string>();
        var errors = new List<string>();
        foreach (var raw in body.Labels)
        {
            var label = raw?.Trim() ?? "";
            if (existing.Contains(label, StringComparer.Ordinal))
            {
                // kept as it is
            }
            else if (label.Length == 0)
            {
                errors.Add("A label cannot be empty.");
                continue;
            }
            else if (label.Length > MaxLength)
            {
                errors.Add($"'{label[..MaxLength]}…' is longer than {MaxLength} characters.");
                continue;
            }
            else if (!Allowed().IsMatch(label))
            {
                errors.Add($"'{label}' may hold only letters, digits, spaces, '-', '_', '.' and ':', and starts with a letter or digit.");
                continue;
            }

            if (!labels.Contains(label, StringComparer.OrdinalIgnoreCase))
            {
                labels.Add(label);
            }
        }

        if (errors.Count == 0 && labels.Count > MaxCount)
        {
            errors.Add($"A conversation has at most {MaxCount} labels.");
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["labels"] = [.. errors] }, detail: string.Join(" ", errors));
        }

        return await ConversationEndpoints.Guarded(id, grains, async g => Results.Ok(await g.SetLabelsAsync(labels)));
    }

    [GeneratedRegex(@"^[\p{L}\p{Nd}][\p{L}\p{Nd} _.:\-]*$")]
    private static partial Regex Allowed();
}
