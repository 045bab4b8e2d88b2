using Inbox.Domain.CannedReplies;
using Inbox.Web.Auth;

namespace Inbox.Web.OperatorApi;

/// <summary>
/// Canned replies: every operator reads them (the reply box's "/" picker), supervisors and admins write and delete them.
/// Variables in the text (<c>{customer.name}</c>, <c>{order.number}</c>, <c>{operator.name}</c>) are filled in by the console.
/// </summary>
public static class CannedReplyEndpoints
{
    /// <summary>How many canned replies may exist: a picker, not a knowledge base.</summary>
    public const int MaxReplies = 500;

    /// <summary>The longest canned reply text.</summary>
    public const int MaxTextLength = 4000;

    public const int MaxTitleLength = 100;

    public static IEndpointRouteBuilder MapCannedReplyEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/canned-replies").WithTags("Canned replies");
        group.MapGet("/", async (ICannedReplyStore replies, CancellationToken cancellationToken) => Results.Ok(await replies.ListAsync(cancellationToken)))
            .RequireAuthorization(InboxPolicies.Operator).WithSummary("Every canned reply, by key.").Produces<IReadOnlyList<CannedReply>>();
        group.MapPut("/{key}", SaveAsync).RequireAuthorization(InboxPolicies.Supervisor)
            .WithSummary("Creates (201) or replaces (200) the canned reply under the key (lowercase letters, digits, '-', '_'; up to 40).")
            .Produces<CannedReply>().Produces<CannedReply>(StatusCodes.Status201Created).ProducesValidationProblem();
        group.MapDelete("/{key}", DeleteAsync).RequireAuthorization(InboxPolicies.Supervisor)
            .WithSummary("Deletes the canned reply.").Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static async Task<IResult> SaveAsync(string key, CannedReplyBody? body, HttpContext context, ICannedReplyStore replies, TimeProvider clock)
    {
        var check = new Dictionary<string, string[]>();
        key = CannedReplyKeys.Normalize(key);
        if (!CannedReplyKeys.IsValid(key))
        {
            check["key"] = [$"A key is 1 to {CannedReplyKeys.MaxLength} lowercase letters, digits, '-' or '_', starting with a letter or digit."];
        }

        var title = body?.Title?.Trim() ?? "";
        if (title.Length > MaxTitleLength)
        {
            check["title"] = [$"A title is at most {MaxTitleLength} characters."];
        }
        else if (title.Any(char.IsControl))
        {
            check["title"] = ["A title is one line without control characters."];
        }

        var text = body?.Text?.Trim() ?? "";
        if (text.Length == 0)
        {
            check["text"] = ["A canned reply needs text."];
        }
        else if (text.Length > MaxTextLength)
        {
            check["text"] = [$"A canned reply is at most {MaxTextLength} characters."];
        }

        if (check.Count > 0)
        {
            return Problem(check);
        }

        var existing = await replies.ListAsync(context.RequestAborted);
        if (existing.Count >= MaxReplies && existing.All(r => r.Key != key))
        {
            return Problem(new Dictionary<string, string[]> { ["key"] = [$"There are {MaxReplies} canned replies already: delete one first."] });
        }

        var me = OperatorIdentity.From(context.User);
        var reply = new CannedReply(key, title.Length == 0 ? key : title, text, clock.GetUtcNow(), string.IsNullOrEmpty(me.DisplayName) ? me.Login : me.DisplayName);
        var created = await replies.SaveAsync(reply, context.RequestAborted);
        return created ? Results.Created($"/api/v1/canned-replies/{Uri.EscapeDataString(key)}", reply) : Results.Ok(reply);
    }

    /// <summary>A validation problem whose detail says every reason (the console shows the detail).</summary>
    private static IResult Problem(Dictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors, detail: string.Join(" ", errors.Values.SelectMany(m => m)));

    private static async Task<IResult> DeleteAsync(string key, ICannedReplyStore replies, CancellationToken cancellationToken) =>
        await replies.DeleteAsync(CannedReplyKeys.Normalize(key), cancellationToken)
            ? Results.NoContent()
            : Results.Problem($"There is no canned reply '{key}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
}
