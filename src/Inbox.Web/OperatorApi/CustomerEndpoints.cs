using Inbox.Domain;
using Inbox.Connectors;
using Inbox.Connectors.Api;
using Inbox.Domain.Conversations;
using Inbox.Domain.Customers;
using Inbox.Domain.Storage;
using Inbox.Web.Auth;
using Inbox.Identity;

namespace Inbox.Web.OperatorApi;

/// <summary>The customer card and customer search.</summary>
public static class CustomerEndpoints
{
    public static IEndpointRouteBuilder MapCustomerEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/customers").WithTags("Customers").RequireAuthorization(InboxPolicies.Operator);
        group.MapGet("/", SearchAsync)
            .WithSummary("Finds customers by q: a phone number in any usual writing, an email, an identity (kind:value) or a part of the name.")
            .Produces<IReadOnlyList<CustomerSummary>>().ProducesValidationProblem();
        group.MapGet("/{id:guid}", GetAsync).WithSummary("The customer card: name, identities, conversation.")
            .Produces<CustomerDetails>().ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static async Task<IResult> SearchAsync(string? q, int? limit, ICustomerDirectory directory, PhoneNumberNormalizer phones)
    {
        var text = q?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["q"] = ["Say what to look for: a phone, an email or a name."] });
        }

        if (CustomerSearch.Refusal(text) is { } refusal)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["q"] = [refusal] });
        }

        return Results.Ok(await CustomerSearch.FindAsync(text, Math.Clamp(limit ?? 20, 1, 100), directory, phones));
    }

    private static async Task<IResult> GetAsync(Guid id, IGrainFactory grains)
    {
        var card = await grains.Reference<ICustomerGrain>(id).GetAsync();
        if (card is null)
        {
            return Results.Problem($"There is no customer {id}.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }

        var conversation = await grains.Reference<IConversationGrain>(id).GetAsync();
        return Results.Ok(new CustomerDetails(card, conversation));
    }
}
