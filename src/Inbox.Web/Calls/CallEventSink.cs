using Inbox.Domain;
using Inbox.Connectors;
using Inbox.Domain.Calls;
using Inbox.Domain.Conversations;
using Inbox.Domain.Customers;
using Inbox.Domain.Live;
using Inbox.Domain.Storage;
using Inbox.Identity;
using Inbox.Silo.Customers;
using Inbox.Domain.Text;
using Microsoft.Extensions.Options;

namespace Inbox.Web.Calls;

/// <summary>
/// Where every telephony adapter's events arrive: the caller's number is normalised (hidden numbers match no one), the
/// customer is looked up in the identity index (a caller ID never creates or merges customers), the call session records
/// the event, and the screen pop with the caller's card goes out to the operators. What the PBX typed (the caller's
/// name, a number it could not read) is one clean line of at most <c>Limits:MaxNameLength</c>.
/// </summary>
public sealed class CallEventSink(
    IGrainFactory grains,
    IIdentityOwners owners,
    PhoneNumberNormalizer phones,
    IConversationQueries store,
    CallerOrders orders,
    OrderContacts orderContacts,
    ILiveEventPublisher publisher,
    IOptions<LimitsOptions> limits,
    ILogger<CallEventSink> logger) : ICallEventSink
{
    public const string Withheld = "Number withheld";
    public const int LastMessagesOnCard = 5;

    public async Task<CallEventResult> RecordAsync(CallEvent callEvent, CancellationToken cancellationToken)
    {
        // The customer is the caller of an inbound call and the called party of an outbound one.
        var customerNumber = callEvent.Direction == CallDirection.Outbound ? callEvent.DialledRaw : callEvent.CallerRaw;
        var e164 = phones.TryNormalize(CallerPart(customerNumber), out var normalized) ? normalized : null;
        var customerId = e164 is null ? null : await owners.FindAsync(new ChannelIdentity(IdentityKinds.Phone, e164), cancellationToken);
        var update = new CallUpdate(callEvent.Provider, callEvent.CallKey, callEvent.LegId, callEvent.Seq, Stage(callEvent.Kind),
            callEvent.Direction.ToString().ToLowerInvariant(), e164,
            DisplayText.Line(Display(customerNumber, e164), limits.Value.MaxNameLength) ?? Withheld,
            DisplayText.Line(callEvent.CallerName, limits.Value.MaxNameLength), callEvent.DialledRaw,
            callEvent.AgentExtension, callEvent.OccurredAt, callEvent.Reason?.ToString().ToLowerInvariant(), callEvent.TalkSeconds, customerId);
        var result = await grains.Reference<ICallSessionGrain>($"{callEvent.Provider}:{callEvent.CallKey}").RecordAsync(update);
        if (result is { Applied: true, Call: { } call })
        {
            publisher.PublishCall(await CardAsync(call, cancellationToken));
            logger.LogInformation("Call {CallId} from {Phone}: {Stage}", call.CallId, call.CallerDisplay, call.Stage);
        }

        return new CallEventResult(result.Applied, result.Call?.CustomerId ?? customerId);
    }

    /// <summary>Everything the operator sees before picking up: who, their identities, open orders, the last messages, the conversation.</summary>
    public async Task<CallPop> CardAsync(CallInfo call, CancellationToken cancellationToken)
    {
        if (call.CustomerId is not { } customerId || await grains.Reference<ICustomerGrain>(customerId).GetAsync() is not { } customer)
        {
            var suggested = call.CallerE164 is { } number && await orderContacts.FindOwnerAsync(new ChannelIdentity(IdentityKinds.Phone, number), cancellationToken) is { } owner
                ? await grains.Reference<ICustomerGrain>(owner).GetAsync()
                : null;
            return new CallPop(call, null, null, [], [], CanCreateCustomer: call.CallerE164 is not null, SuggestedCustomer: suggested);
        }

        var conversation = await grains.Reference<IConversationGrain>(customerId).GetAsync();
        var last = await store.GetTimelineAsync(customerId, null, LastMessagesOnCard, cancellationToken);
        IReadOnlyList<OrderSummary> open = [];
        try
        {
            open = await orders.FindOpenOrdersAsync(customer.Identities, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "The order system did not answer for the card of call {CallId}", call.CallId);
        }

        return new CallPop(call, customer, conversation, last.Messages.Where(m => m.Kind != MessageKind.CallEvent).ToList(), open, CanCreateCustomer: false);
    }

    private static CallStage Stage(CallEventKind kind) => kind switch
    {
        CallEventKind.Ringing => CallStage.Ringing,
        CallEventKind.Answered => CallStage.Answered,
        _ => CallStage.Ended,
    };

    /// <summary>The user part of sip:/tel: URIs; everything else as it came.</summary>
    private static string? CallerPart(string? raw)
    {
        if (raw is null)
        {
            return null;
        }

        var text = raw.Trim();
        if (text.StartsWith("sip:", StringComparison.OrdinalIgnoreCase))
        {
            var user = text[4..].Split('@')[0].Split(';')[0];
            return user.Equals("anonymous", StringComparison.OrdinalIgnoreCase) ? null : user;
        }

        return text;
    }

    private static string Display(string? raw, string? e164)
    {
        if (e164 is not null)
        {
            return e164;
        }

        var text = raw?.Trim() ?? "";
        return text.Length == 0 || text.Any(char.IsLetter) && !text.StartsWith("client:", StringComparison.OrdinalIgnoreCase) || text is "0" or "+266696687"
            ? Withheld
            : text;
    }
}
