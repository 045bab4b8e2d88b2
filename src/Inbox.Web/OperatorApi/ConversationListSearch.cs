using Inbox.Domain.Routing;
using Inbox.Domain.Storage;
using Inbox.Identity;
using Inbox.Orders;
using Microsoft.AspNetCore.Mvc;

namespace Inbox.Web.OperatorApi;

/// <summary>
/// The conversation list's search (issue 15): <c>q</c> finds the customers as <c>/api/v1/customers?q=</c> does (name, phone,
/// email, identity) and by order number; <c>channel</c> is the channel the customer last wrote from, <c>label</c> one of the
/// conversation's labels, <c>sort</c> <c>waiting</c> (the queue's order), <c>newest</c> or <c>oldest</c> (by last activity).
/// </summary>
public sealed record ConversationListSearch(
    string? Q,
    string? Channel,
    string? Label,
    string? Sort,
    [property: FromServices] ICustomerDirectory Directory,
    [property: FromServices] PhoneNumberNormalizer Phones,
    [property: FromServices] IOrderProvider Orders,
    [property: FromServices] CustomerOrders Contacts,
    [property: FromServices] ILogger<ConversationListSearch> Logger)
{
    /// <summary>How many customers a search may find; their conversations are listed.</summary>
    public const int MaxCustomers = 200;

    private const int MaxLabelLength = 100;

    /// <summary>The query with the search applied, or the 400 that says which parameter is wrong.</summary>
    public async Task<(ConversationQuery? Query, IResult? Problem)> ApplyAsync(ConversationQuery query, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var text = Q?.Trim();
        if (!string.IsNullOrEmpty(text) && CustomerSearch.Refusal(text) is { } refusal)
        {
            errors["q"] = [refusal];
        }

        var channel = Channel?.Trim().ToLowerInvariant() is { Length: > 0 } name ? name : null;
        if (channel is not null && !TeamKeys.Channels.Contains(channel))
        {
            errors["channel"] = [$"channel is one of {string.Join(", ", TeamKeys.Channels)}."];
        }

        var label = Label?.Trim();
        if (label is { Length: 0 })
        {
            label = null;
        }
        else if (label is not null && (label.Length > MaxLabelLength || label.Any(char.IsControl)))
        {
            errors["label"] = [$"A label is plain text of at most {MaxLabelLength} characters."];
        }

        var sort = ConversationSort.Default;
        if (Sort?.Trim() is { Length: > 0 } word
            && !(word.All(char.IsAsciiLetter) && Enum.TryParse(word, ignoreCase: true, out sort) && sort != ConversationSort.Default))
        {
            errors["sort"] = ["sort is waiting, newest or oldest."];
        }

        if (errors.Count > 0)
        {
            return (null, Results.ValidationProblem(errors));
        }

        var customers = string.IsNullOrEmpty(text)
            ? null
            : await CustomerSearch.FindIdsAsync(text, MaxCustomers, Directory, Phones, Orders, Contacts, Logger, cancellationToken);
        return (query with { CustomerIds = customers, Channel = channel, Label = label, Sort = sort }, null);
    }
}
