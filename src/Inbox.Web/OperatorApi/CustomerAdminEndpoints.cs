using Inbox.Domain;
using Inbox.Connectors;
using Inbox.Connectors.Api;
using Inbox.Domain.Conversations;
using Inbox.Domain.Customers;
using Inbox.Web.Auth;
using Inbox.Identity;
using Inbox.Orders;
using Inbox.Web.Validation;
using Microsoft.Extensions.Options;

namespace Inbox.Web.OperatorApi;

/// <summary>
/// Changing who is who: create a customer (an unknown caller), link an identity an operator has confirmed (a caller ID,
/// an address the customer named), and, for supervisors, merge and unmerge customers.
/// </summary>
public static class CustomerAdminEndpoints
{
    public static IEndpointRouteBuilder MapCustomerAdminEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/customers").WithTags("Customers");
        group.MapPost("/", CreateAsync).RequireAuthorization(InboxPolicies.Operator)
            .WithSummary("Creates a customer with a name and identities (e.g. an unknown caller's number).")
            .Produces<CustomerCard>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/identities", LinkAsync).RequireAuthorization(InboxPolicies.Operator)
            .WithSummary("Links an identity an operator has confirmed to the customer; 409 when another customer owns it (merge them instead).")
            .Produces<CustomerCard>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id:guid}/suggestions", SuggestionsAsync).RequireAuthorization(InboxPolicies.Operator)
            .WithSummary("Addresses that probably belong to the customer (the order system names them next to theirs), for an operator to confirm.")
            .Produces<IReadOnlyList<LinkSuggestion>>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/merge", MergeAsync).RequireAuthorization(InboxPolicies.Supervisor)
            .WithSummary("Merges another customer into this one: identities and timeline join, nothing lost or doubled.")
            .Produces<CustomerCard>().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/unmerge", UnmergeAsync).RequireAuthorization(InboxPolicies.Supervisor)
            .WithSummary("Undoes a merge: the other customer gets back its identities and its timeline.")
            .Produces<CustomerCard>().ProducesProblem(StatusCodes.Status409Conflict);
        return endpoints;
    }

    private static async Task<IResult> CreateAsync(NewCustomerBody body, IGrainFactory grains, IIdentityOwners owners, PhoneNumberNormalizer phones, IOptions<LimitsOptions> limits,
        CancellationToken cancellationToken)
    {
        var check = new InputCheck(limits.Value);
        var name = check.Name("name", body.Name);
        check.Identities("identities", body.Identities);
        var identities = new List<ChannelIdentity>();
        foreach (var raw in (check.Failed ? null : body.Identities) ?? [])
        {
            if (check.Identity("identities", raw, required: true) is not { } typed)
            {
                break;
            }

            if (AddressInput.Read(typed, phones) is not { } identity)
            {
                check.Fail("identities", $"'{typed}' is not a phone, an email or a kind:value identity.");
                break;
            }

            identities.Add(identity);
        }

        if (!check.Failed && identities.Count == 0 && name is null)
        {
            check.Fail("name", "A new customer needs a name or an identity.");
        }

        if (check.Failed)
        {
            return check.Problem();
        }

        var id = Guid.NewGuid();
        foreach (var identity in identities)
        {
            var owner = await owners.ClaimAsync(identity, id, cancellationToken);
            if (owner != id)
            {
                return Results.Problem($"{identity} belongs to customer {owner} already.", statusCode: StatusCodes.Status409Conflict,
                    extensions: new Dictionary<string, object?> { ["customerId"] = owner });
            }
        }

        var card = await grains.Reference<ICustomerGrain>(id).AttachAsync(identities, name);
        return Results.Created($"/api/v1/customers/{id}", card);
    }

    private static async Task<IResult> LinkAsync(Guid id, LinkIdentityBody body, IGrainFactory grains, IIdentityOwners owners, PhoneNumberNormalizer phones,
        IOptions<LimitsOptions> limits, CancellationToken cancellationToken)
    {
        var check = new InputCheck(limits.Value);
        var typed = check.Identity("identity", body.Identity, required: true);
        if (check.Failed)
        {
            return check.Problem();
        }

        if (AddressInput.Read(typed, phones) is not { } identity)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["identity"] = [$"'{typed}' is not a phone, an email or a kind:value identity."] });
        }

        var customer = grains.Reference<ICustomerGrain>(id);
        if (await customer.GetAsync() is not { MergedInto: null })
        {
            return Results.Problem($"There is no customer {id} (or it was merged into another).", statusCode: StatusCodes.Status404NotFound);
        }

        var owner = await owners.ClaimAsync(identity, id, cancellationToken);
        if (owner != id)
        {
            return Results.Problem($"{identity} belongs to customer {owner}; merge the two customers instead.", statusCode: StatusCodes.Status409Conflict,
                extensions: new Dictionary<string, object?> { ["customerId"] = owner });
        }

        return Results.Ok(await customer.AttachAsync([identity], null));
    }

    private static async Task<IResult> SuggestionsAsync(Guid id, IGrainFactory grains, IIdentityOwners owners, CustomerOrders orders, CancellationToken cancellationToken)
    {
        if (await grains.Reference<ICustomerGrain>(id).GetAsync() is not { MergedInto: null } card)
        {
            return Results.Problem($"There is no customer {id} (or it was merged into another).", statusCode: StatusCodes.Status404NotFound);
        }

        var suggestions = new Dictionary<string, LinkSuggestion>(StringComparer.Ordinal);
        foreach (var own in card.Identities.Where(i => i.Kind is IdentityKinds.Phone or IdentityKinds.Email))
        {
            foreach (var order in await orders.FindAsync([own], cancellationToken))
            {
                foreach (var candidate in orders.ContactsOf(order).Where(c => !card.Identities.Contains(c) && !suggestions.ContainsKey(c.ToString())))
                {
                    var owner = await owners.FindAsync(candidate, cancellationToken);
                    suggestions[candidate.ToString()] = new LinkSuggestion(candidate.ToString(), $"Order {order.Number} names it next to {own}.", owner);
                }
            }
        }

        return Results.Ok(suggestions.Values.ToList());
    }

    private static async Task<IResult> MergeAsync(Guid id, MergeBody body, IGrainFactory grains) =>
        await Refusable(async () => Results.Ok(await grains.Reference<ICustomerGrain>(id).MergeAsync(body.CustomerId)), id, grains);

    private static async Task<IResult> UnmergeAsync(Guid id, MergeBody body, IGrainFactory grains) =>
        await Refusable(async () => Results.Ok(await grains.Reference<ICustomerGrain>(id).UnmergeAsync(body.CustomerId)), id, grains);

    private static async Task<IResult> Refusable(Func<Task<IResult>> action, Guid id, IGrainFactory grains)
    {
        if (await grains.Reference<ICustomerGrain>(id).GetAsync() is null)
        {
            return Results.Problem($"There is no customer {id}.", statusCode: StatusCodes.Status404NotFound);
        }

        try
        {
            return await action();
        }
        catch (ConversationException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status409Conflict);
        }
    }
}
