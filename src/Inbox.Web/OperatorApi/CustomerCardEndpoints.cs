using Inbox.Domain;
using Inbox.Domain.Calls;
using Inbox.Domain.Conversations;
using Inbox.Domain.Customers;
using Inbox.Domain.Live;
using Inbox.Domain.Reports;
using Inbox.Domain.Storage;
using Inbox.Orders;
using Inbox.Web.Auth;
using Inbox.Web.Calls;

namespace Inbox.Web.OperatorApi;

/// <summary>What the console's customer card shows beside the card itself: open orders, past conversations and notes.</summary>
public static class CustomerCardEndpoints
{
    /// <summary>At most this many past conversations and notes each.</summary>
    public const int MaxItems = 50;

    /// <summary>The preview of a past conversation is cut to this many characters.</summary>
    public const int PreviewLength = 140;

    public static IEndpointRouteBuilder MapCustomerCardEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/customers").WithTags("Customers").RequireAuthorization(InboxPolicies.Operator);
        group.MapGet("/{id:guid}/orders", OrdersAsync)
            .WithSummary("The customer's open orders from the order system (the call pop's list); 503 when the order system fails or does not answer.")
            .Produces<IReadOnlyList<OrderSummary>>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/{id:guid}/history", HistoryAsync)
            .WithSummary("The customer's resolved conversations (episodes) and private notes, newest first.")
            .Produces<CustomerHistory>().ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static async Task<IResult> OrdersAsync(Guid id, IGrainFactory grains, CallerOrders orders, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (await grains.Reference<ICustomerGrain>(id).GetAsync() is not { } card)
        {
            return NotFound(id);
        }

        try
        {
            return Results.Ok(await orders.FindOpenOrdersAsync(card.Identities, cancellationToken));
        }
        catch (Exception ex) when (ex is OrderProviderException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            loggers.CreateLogger(typeof(CustomerCardEndpoints)).LogWarning(ex, "The order system did not answer for the card of customer {CustomerId}", id);
            return Results.Problem("The order system did not answer; try again later.", statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Order system unavailable");
        }
    }

    private static async Task<IResult> HistoryAsync(Guid id, IGrainFactory grains, IEventHistory history, CancellationToken cancellationToken)
    {
        if (await grains.Reference<ICustomerGrain>(id).GetAsync() is not { } card)
        {
            return NotFound(id);
        }

        var conversations = new HashSet<Guid>(card.Merged ?? []) { id };
        var events = await history.ReadConversationsAsync(conversations, cancellationToken);
        var inbound = events.Where(e => e.Type == LiveEventTypes.MessageCreated && e.Message is { Kind: MessageKind.Inbound, Automated: false })
            .Select(e => e.Message!)
            .DistinctBy(m => m.MessageId)
            .OrderBy(m => m.CreatedAt)
            .ToList();
        var past = EpisodeFold.Of(events).Episodes
            .Where(e => e.ResolvedAt is not null)
            .OrderByDescending(e => e.StartedAt)
            .Take(MaxItems)
            .Select(e =>
            {
                var first = inbound.FirstOrDefault(m => m.CreatedAt >= e.StartedAt && m.CreatedAt <= e.ResolvedAt!.Value);
                return new PastConversation(e.ConversationId, e.StartedAt, e.ResolvedAt!.Value, e.Channel, Preview(first?.Text), first?.MessageId);
            })
            .ToList();
        var notes = events.Where(e => e.Message is { Kind: MessageKind.Note })
            .Select(e => e.Message!)
            .GroupBy(m => m.MessageId)
            .Select(g => g.OrderBy(m => m.UpdatedAt).Last())
            .OrderByDescending(m => m.CreatedAt)
            .Take(MaxItems)
            .Select(m => new CustomerNote(m.MessageId, m.ConversationId, m.Text, m.AuthorName, m.CreatedAt))
            .ToList();
        return Results.Ok(new CustomerHistory(past, notes));
    }

    private static string? Preview(string? text)
    {
        var line = text?.ReplaceLineEndings(" ").Trim();
        return string.IsNullOrEmpty(line) ? null : line.Length <= PreviewLength ? line : line[..(PreviewLength - 1)] + "…";
    }

    private static IResult NotFound(Guid id) =>
        Results.Problem($"There is no customer {id}.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
}
