using System.ComponentModel;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Inbox.Chatbot.Local;
using Inbox.Chatbot.Safety;
using Inbox.Chatbot.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Inbox.Orders;
using Inbox.Identity;

namespace Inbox.Chatbot.AzureOpenAI;

/// <summary>
/// The AzureOpenAI engine: an <see cref="IChatClient"/> with function invocation writes the answer, calling the tools
/// <c>lookup_order</c>, <c>find_my_orders</c> and <c>hand_off</c>. Guardrails around it:
/// <list type="bullet">
/// <item>possible victims, requests for a person and the quiz are handled by the Local engine (deterministic, no model);</item>
/// <item>a reply that asks for a code, CVV, password or card data is dropped;</item>
/// <item>a reply that states a status, date, time or number no tool returned is dropped;</item>
/// <item>a timeout or any error of the model is dropped;</item>
/// </list>
/// and a dropped reply is replaced by the Local engine's answer (<see cref="BotDecision.Source"/> <c>fallback:&lt;reason&gt;</c>).
/// The decision's intent and confidence come from the Local classifier.
/// </summary>
public sealed partial class AzureOpenAIChatbot : IChatbot
{
    private const int MaxFailedAttempts = 2;

    private static readonly JsonSerializerOptions ToolJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly IChatClient _chatClient;
    private readonly LocalChatbot _local;
    private readonly IOrderProvider _orders;
    private readonly CustomerOrders _customerOrders;
    private readonly OrderStatusNames _statusNames;
    private readonly AzureOpenAIOptions _options;
    private readonly ILogger<AzureOpenAIChatbot> _logger;

    public AzureOpenAIChatbot(
        IChatClient chatClient,
        LocalChatbot local,
        IOrderProvider orders,
        IOptions<AzureOpenAIOptions> options,
        ILogger<AzureOpenAIChatbot>? logger = null,
        PhoneNumberNormalizer? phones = null,
        OrderStatusNames? statusNames = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _chatClient = chatClient ?? throw new ArgumentNullException(nameof(chatClient));
        _local = local ?? throw new ArgumentNullException(nameof(local));
        _orders = orders ?? throw new ArgumentNullException(nameof(orders));
        _customerOrders = new CustomerOrders(orders, phones ?? new PhoneNumberNormalizer());
        _statusNames = statusNames ?? OrderStatusNames.Shipped;
        _options = options.Value;
        _logger = logger ?? NullLogger<AzureOpenAIChatbot>.Instance;
    }

    public async Task<BotTurn> HandleAsync(BotRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = request.Text ?? string.Empty;
        var prediction = await _local.Classifier.ClassifyAsync(text, cancellationToken).ConfigureAwait(false);
        var memory = StandingHints.StartTurn(request.Memory ?? BotMemory.Empty);
        var language = LanguageDetector.Detect(text, memory.Language);

        var deterministic = request.SharesOwnContact ||
                            memory.QuizStep is not null ||
                            prediction.Intent == Intents.Human ||
                            prediction.SubIntent is Intents.FraudAlreadyVictim or Intents.Quiz ||
                            (memory.QuizOffered && FraudQuiz.IsYes(text));
        if (deterministic)
        {
            return await _local.HandleAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var ledger = new ToolLedger();
        var identities = request.VerifiedIdentities;
        string reply;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(_options.Timeout);
            try
            {
                var messages = new List<ChatMessage>
                {
                    new(ChatRole.System, SystemPrompt(language, request, memory)),
                    new(ChatRole.User, text),
                };
                var chatOptions = new ChatOptions
                {
                    Tools = Tools(ledger, identities, language),
                    ToolMode = ChatToolMode.Auto,
                    Temperature = 0.2f,
                };
                var response = await _chatClient.GetResponseAsync(messages, chatOptions, timeout.Token).ConfigureAwait(false);
                reply = response.Text?.Trim() ?? string.Empty;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                LogFallback(_logger, "timeout");
                return await FallbackAsync(request, "timeout", cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogModelFailed(_logger, exception.GetType().Name);
                return await FallbackAsync(request, "error", cancellationToken).ConfigureAwait(false);
            }
        }

        if (ledger.ProviderFailed)
        {
            return await FallbackAsync(request, "order-system", cancellationToken).ConfigureAwait(false);
        }

        if (reply.Length == 0 && !ledger.HandoffRequested)
        {
            LogFallback(_logger, "empty reply");
            return await FallbackAsync(request, "empty", cancellationToken).ConfigureAwait(false);
        }

        if (ReplyGuard.AsksForSecrets(reply))
        {
            LogFallback(_logger, "the reply asked for a secret");
            return await FallbackAsync(request, "guardrail-secret", cancellationToken).ConfigureAwait(false);
        }

        var statusNames = await StatusNamesAsync(cancellationToken).ConfigureAwait(false);
        var violations = ReplyGrounding.Violations(reply, ledger, statusNames, text + "\n" + memory.LastOrderNumber, o => _statusNames.NameFor(o, language));
        if (violations.Count > 0)
        {
            LogFallback(_logger, "ungrounded: " + string.Join("; ", violations));
            return await FallbackAsync(request, "guardrail-grounding", cancellationToken).ConfigureAwait(false);
        }

        var turn = BuildTurn(request, language, memory with { Language = language }, prediction, ledger, reply);
        return StandingHints.SayOnce(turn, memory, language, firstAnswerOffersWayOut: false);
    }

    private BotTurn BuildTurn(BotRequest request, string language, BotMemory memory, IntentPrediction prediction, ToolLedger ledger, string reply)
    {
        var intent = ledger.LookupPerformed ? Intents.OrderStatus : prediction.Intent;
        var subIntent = intent == prediction.Intent ? prediction.SubIntent : null;
        var confidence = intent == prediction.Intent ? prediction.Confidence : 1.0;
        var replies = new List<string>();
        if (reply.Length > 0)
        {
            replies.Add(reply);
        }

        var found = ledger.Orders;
        var handOff = ledger.HandoffRequested;
        var handoffReason = ledger.HandoffReason ?? string.Empty;
        if (found.Count > 0)
        {
            memory = memory with
            {
                FailedAttempts = 0,
                AwaitingOrderNumber = false,
                LastOrderNumber = found[0].Number,
                LastOrderStatus = found[0].StatusName,
            };
        }
        else if (intent == Intents.OrderStatus && !handOff)
        {
            if (memory.FailedAttempts >= MaxFailedAttempts)
            {
                handOff = true;
                handoffReason = $"no order found after {MaxFailedAttempts} attempts";
            }

            memory = memory with { FailedAttempts = memory.FailedAttempts + 1, AwaitingOrderNumber = true };
        }
        else if (intent == Intents.Fraud)
        {
            memory = memory with { FailedAttempts = 0, QuizOffered = true };
            if (!Quiz().IsMatch(reply))
            {
                replies.Add(BotTexts.QuizOffer(language));
            }
        }

        memory = memory with { LastIntent = intent, LastSubIntent = subIntent };
        HandoffCard? card = null;
        if (handOff)
        {
            var fraud = intent == Intents.Fraud || memory.LastIntent == Intents.Fraud;
            var order = found.FirstOrDefault();
            var snippet = string.Join(' ', (request.Text ?? string.Empty).Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
            if (snippet.Length > 140)
            {
                snippet = snippet[..140] + "…";
            }

            card = new HandoffCard(
                intent,
                order?.Number ?? memory.LastOrderNumber,
                order?.StatusName ?? memory.LastOrderStatus,
                fraud,
                PossibleVictim: false,
                $"Handed off by the model ({handoffReason}): \"{snippet}\"",
                fraud ? HandoffPriority.High : HandoffPriority.Normal);
            replies.Add(BotTexts.Handoff(language, request.QueuePlaces?.For(card.Priority)));
            memory = memory with { HandedOff = true, AwaitingOrderNumber = false };
        }
        else if (!HumanMention().IsMatch(TextNormalizer.Basic(string.Join(' ', replies))))
        {
            replies.Add(BotTexts.HumanExit(language));
        }

        var decision = new BotDecision(intent, confidence, subIntent, language) { Source = "azure-openai" };
        var labels = subIntent is null ? new[] { intent } : new[] { intent, subIntent };
        return new BotTurn(replies, decision, handOff, card, memory, labels);
    }

    private async Task<BotTurn> FallbackAsync(BotRequest request, string reason, CancellationToken cancellationToken)
    {
        var turn = await _local.HandleAsync(request, cancellationToken).ConfigureAwait(false);
        return turn with { Decision = turn.Decision with { Source = "fallback:" + reason } };
    }

    /// <summary>Every status name a reply could state: the order system's reference and every name of the translation table.</summary>
    private async Task<IReadOnlyCollection<string>> StatusNamesAsync(CancellationToken cancellationToken)
    {
        IReadOnlyCollection<string> reference = [];
        if (_orders is IOrderStatusReference statuses)
        {
            try
            {
                reference = await statuses.GetStatusNamesAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OrderProviderException)
            {
                // the translation table's names are still checked
            }
        }

        return reference.Concat(_statusNames.AllNames).ToArray();
    }

    private List<AITool> Tools(ToolLedger ledger, IReadOnlyList<ChannelIdentity> identities, string language)
    {
        return
        [
            AIFunctionFactory.Create(
                async ([Description("The order number exactly as the customer wrote it, e.g. 1048576, MV-2231187 or 1234А.")] string number, CancellationToken ct) =>
                {
                    try
                    {
                        var orders = (await _orders.FindByNumberAsync(number, ct).ConfigureAwait(false))
                            .Where(o => OrderNumbers.AreSame(o.Number, number)).ToList();
                        ledger.RecordLookup(number, orders);
                        return OrdersJson(orders, identities, number, language).ToJsonString(ToolJson);
                    }
                    catch (OrderProviderException)
                    {
                        ledger.RecordProviderFailure();
                        return new JsonObject { ["error"] = "The order system is unavailable. Do not state any status; offer an operator." }.ToJsonString(ToolJson);
                    }
                },
                "lookup_order",
                "Looks an order up by its number in the order system. Call it for every order number the customer mentions. Returns the only facts you may state about the order."),
            AIFunctionFactory.Create(
                async (CancellationToken ct) =>
                {
                    if (!identities.Any(i => i.Kind is IdentityKinds.Phone or IdentityKinds.Email))
                    {
                        ledger.RecordLookup(null, []);
                        return new JsonObject { ["found"] = false, ["reason"] = "The customer's channel verified no phone or email; ask for the order number." }.ToJsonString(ToolJson);
                    }

                    try
                    {
                        var orders = (await _customerOrders.FindAsync(identities, ct).ConfigureAwait(false))
                            .Where(o => o.Active && _customerOrders.BelongsTo(o, identities)).ToList();
                        ledger.RecordLookup(null, orders);
                        return OrdersJson(orders, identities, null, language).ToJsonString(ToolJson);
                    }
                    catch (OrderProviderException)
                    {
                        ledger.RecordProviderFailure();
                        return new JsonObject { ["error"] = "The order system is unavailable. Do not state any status; offer an operator." }.ToJsonString(ToolJson);
                    }
                },
                "find_my_orders",
                "Finds the customer's active orders by the phone and email their channel verified. Call it when the customer asks about their order without giving a number."),
            AIFunctionFactory.Create(
                ([Description("One short sentence for the operator: why the customer needs a person.")] string reason) =>
                {
                    ledger.RecordHandoff(reason);
                    return new JsonObject { ["ok"] = true, ["note"] = "A person will take over; tell the customer briefly." }.ToJsonString(ToolJson);
                },
                "hand_off",
                "Hands the conversation to a human operator. Call it when the customer asks for a person, when you cannot help, or when the customer may already have lost money, a code or card data."),
        ];
    }

    private JsonObject OrdersJson(IReadOnlyList<Order> orders, IReadOnlyList<ChannelIdentity> identities, string? number, string language)
    {
        var array = new JsonArray();
        foreach (var order in orders)
        {
            var item = new JsonObject
            {
                ["number"] = order.Number,
                ["status"] = _statusNames.NameFor(order, language),
                ["deliveryDate"] = order.DeliveryDate?.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture),
                ["deliveryInterval"] = order.DeliveryInterval,
                ["pickupPoint"] = order.PickupPoint,
                ["trackingNumber"] = order.TrackingNumber,
            };
            if (_customerOrders.BelongsTo(order, identities))
            {
                item["address"] = order.Address;
                item["items"] = new JsonArray(order.Items.Select(i => (JsonNode)JsonValue.Create(string.Create(CultureInfo.InvariantCulture, $"{i.Name} × {i.Quantity:0.##}"))!).ToArray());
            }
            else
            {
                item["personalDetails"] = "withheld: the customer's verified identity does not match this order";
            }

            array.Add(item);
        }

        var result = new JsonObject { ["found"] = orders.Count > 0, ["orders"] = array };
        if (number is not null && orders.Count == 0)
        {
            result["note"] = $"No order {number} in the order system. Do not state any status; ask the customer to check the number.";
        }

        return result;
    }

    private static string SystemPrompt(string language, BotRequest request, BotMemory memory)
    {
        var languageName = language switch
        {
            LanguageDetector.Ukrainian => "Ukrainian",
            LanguageDetector.English => "English",
            _ => "Russian",
        };
        var name = string.IsNullOrWhiteSpace(request.CustomerName) ? "unknown" : request.CustomerName.Trim();
        var lastOrder = memory.LastOrderNumber is null ? "none" : memory.LastOrderNumber;
        return $"""
            You are the customer-service chatbot of an electronics retailer. Reply in {languageName}, briefly (at most 4 sentences), in plain text.
            Customer name: {name}. Last order discussed: {lastOrder}.
            You help with two things: order status, and recognising scams that use the store's name.
            Order status rules:
            - Call lookup_order for every order number the customer gives, or find_my_orders when they give none.
            - State only what the tools returned: the status name word for word, delivery date and interval, pickup point, tracking number.
            - Never guess or paraphrase a status, date or number. If nothing is found, say so and ask the customer to check the number.
            - Address and items only when the tool returned them.
            Scam rules (the store's playbook):
            - The store, its couriers and operators never ask for SMS or push codes, CVV, PIN, passwords or card data. Never ask for them yourself.
            - Advise: hang up; check orders only in the official app or account; don't follow links from SMS; don't install apps on request;
              refunds go back to the paying card; promotions are only on the official site; call back on the number from the official site.
            - If the customer may already have lost money or shared a code, call hand_off at once.
            Call hand_off when the customer asks for a person or when you cannot help. Always mention that they can type "operator" to reach a person.
            """;
    }

    [GeneratedRegex(@"оператор|человек|людин|operator|person|human")]
    private static partial Regex HumanMention();

    [GeneratedRegex(@"тест|квиз|вікторин|викторин|quiz", RegexOptions.IgnoreCase)]
    private static partial Regex Quiz();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Azure OpenAI answer replaced by the Local answer: {Reason}")]
    private static partial void LogFallback(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Azure OpenAI call failed ({ExceptionType}); using the Local answer")]
    private static partial void LogModelFailed(ILogger logger, string exceptionType);
}
