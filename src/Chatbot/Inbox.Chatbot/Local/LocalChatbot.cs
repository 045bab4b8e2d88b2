using System.Text.RegularExpressions;
using Inbox.Chatbot.Fraud;
using Inbox.Chatbot.Safety;
using Inbox.Chatbot.Text;
using Inbox.Identity;
using Inbox.Orders;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Inbox.Chatbot.Local;

/// <summary>
/// The Local engine (no network besides the order system): the <see cref="IntentClassifier"/> decides, then deterministic
/// dialogue rules answer — order status from the <see cref="IOrderProvider"/> only, the playbook's fraud advice, the quiz,
/// and handoff when asked, after two failed attempts, and at once (Urgent) for a possible victim.
/// </summary>
public sealed partial class LocalChatbot : IChatbot
{
    private const int MaxFailedAttempts = 2;
    private const int MaxOrderNumbersPerMessage = 5;
    private const int SummarySnippetLength = 140;
    private const string SharedContactSource = "rule:shared-contact";

    private readonly IntentClassifier _classifier;
    private readonly IOrderProvider _orders;
    private readonly CustomerOrders _customerOrders;
    private readonly PhoneNumberNormalizer _phones;
    private readonly OrderStatusNames _statusNames;
    private readonly FraudContactsOptions _fraudContacts;
    private readonly ILogger<LocalChatbot> _logger;

    /// <param name="classifier">Reads the intent of each message.</param>
    /// <param name="orders">The order system.</param>
    /// <param name="logger">Where the engine logs.</param>
    /// <param name="phones">Reads the phones orders carry, and its default region is the shop's; the default reads them as Russian numbers.</param>
    /// <param name="statusNames">Status names in the customer's language; the default is the shipped table over a Russian order system.</param>
    /// <param name="fraudContacts">The fraud victims' numbers per country; the default is the shipped set.</param>
    public LocalChatbot(
        IntentClassifier classifier,
        IOrderProvider orders,
        ILogger<LocalChatbot>? logger = null,
        PhoneNumberNormalizer? phones = null,
        OrderStatusNames? statusNames = null,
        FraudContactsOptions? fraudContacts = null)
    {
        _classifier = classifier ?? throw new ArgumentNullException(nameof(classifier));
        _orders = orders ?? throw new ArgumentNullException(nameof(orders));
        _phones = phones ?? new PhoneNumberNormalizer();
        _customerOrders = new CustomerOrders(orders, _phones);
        _statusNames = statusNames ?? OrderStatusNames.Shipped;
        _fraudContacts = fraudContacts ?? FraudContactsOptions.Shipped();
        _logger = logger ?? NullLogger<LocalChatbot>.Instance;
    }

    /// <summary>The classifier this engine uses.</summary>
    public IntentClassifier Classifier => _classifier;

    public async Task<BotTurn> HandleAsync(BotRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = request.Text ?? string.Empty;
        var prediction = await _classifier.ClassifyAsync(text, cancellationToken).ConfigureAwait(false);
        var memory = StandingHints.StartTurn(request.Memory ?? BotMemory.Empty);

        // a shared contact's text only describes the contact: the conversation keeps its language
        var language = LanguageDetector.Detect(request.SharesOwnContact ? null : text, memory.Language);
        var turn = new LocalTurnContext(request, text, language, memory with { Language = language }, prediction);
        var result = request.SharesOwnContact
            ? await SharedContactAsync(turn, cancellationToken).ConfigureAwait(false)
            : await DecideAsync(turn, cancellationToken).ConfigureAwait(false);
        return Sanitize(StandingHints.SayOnce(result, memory, language, firstAnswerOffersWayOut: true), language);
    }

    /// <summary>
    /// The customer shared their own number: thank them, and when the bot was waiting for an order number (the customer asked
    /// about an order and could not be identified), look their orders up by the phone now verified. Never a failure.
    /// </summary>
    private async Task<BotTurn> SharedContactAsync(LocalTurnContext turn, CancellationToken ct)
    {
        var thanks = BotTexts.NumberSaved(turn.Language);
        if (!turn.Memory.AwaitingOrderNumber)
        {
            var acknowledged = turn with { Prediction = new IntentPrediction(Intents.Other, null, 1.0, SharedContactSource) };
            return Turn(acknowledged, [thanks], Intents.Other, null, turn.Memory with { QuizOffered = false });
        }

        var earlierQuestion = turn with
        {
            Text = string.Empty,
            Memory = turn.Memory with { FailedAttempts = 0 },
            Prediction = new IntentPrediction(Intents.OrderStatus, null, 1.0, SharedContactSource),
        };
        var answer = await OrderStatusAsync(earlierQuestion, ct).ConfigureAwait(false);
        return answer with { Replies = [thanks, .. answer.Replies] };
    }

    private async Task<BotTurn> DecideAsync(LocalTurnContext turn, CancellationToken ct)
    {
        var prediction = turn.Prediction;
        if (turn.Memory.QuizStep is int step && step >= 0 && step < FraudQuiz.Situations.Count)
        {
            var quizTurn = ContinueQuiz(turn, step);
            if (quizTurn is not null)
            {
                return quizTurn;
            }

            turn = turn with { Memory = turn.Memory with { QuizStep = null, QuizScore = 0 } };
        }

        if (turn.Memory.QuizOffered && FraudQuiz.IsYes(turn.Text) && prediction.Intent is Intents.Other)
        {
            return StartQuiz(turn);
        }

        switch (prediction.Intent)
        {
            case Intents.Fraud when prediction.SubIntent == Intents.FraudAlreadyVictim:
                return Victim(turn);
            case Intents.Fraud:
                return FraudAdviceTurn(turn);
            case Intents.Human:
                return Handoff(turn, HandoffReason.Asked);
            case Intents.OrderStatus:
                return await OrderStatusAsync(turn, ct).ConfigureAwait(false);
        }

        if (prediction.SubIntent == Intents.Quiz)
        {
            return StartQuiz(turn);
        }

        if (OrderNumberExtractor.Extract(turn.Text).Count > 0 ||
            (turn.Memory.AwaitingOrderNumber && prediction.Source != "rule:small-talk"))
        {
            return await OrderStatusAsync(turn with { Prediction = prediction with { Intent = Intents.OrderStatus, SubIntent = null } }, ct)
                .ConfigureAwait(false);
        }

        if (prediction.Source == "rule:small-talk")
        {
            return SmallTalk(turn);
        }

        return Failure(turn, prediction.Confidence < IntentClassifier.UnsureThreshold ? BotTexts.NotUnderstood(turn.Language) : BotTexts.OutOfScope(turn.Language));
    }

    private async Task<BotTurn> OrderStatusAsync(LocalTurnContext turn, CancellationToken ct)
    {
        var language = turn.Language;
        var identities = turn.Request.VerifiedIdentities;
        var numbers = OrderNumberExtractor.Extract(turn.Text).Take(MaxOrderNumbersPerMessage).ToList();
        if (numbers.Count == 0 && turn.Memory.LastOrderNumber is { } last && turn.Prediction.Intent == Intents.OrderStatus && !turn.Memory.AwaitingOrderNumber)
        {
            numbers.Add(last);
        }

        try
        {
            if (numbers.Count > 0)
            {
                var found = new List<Order>();
                var notFound = new List<string>();
                foreach (var number in numbers)
                {
                    var orders = await _orders.FindByNumberAsync(number, ct).ConfigureAwait(false);
                    var same = orders.Where(o => OrderNumbers.AreSame(o.Number, number)).ToList();
                    if (same.Count == 0)
                    {
                        notFound.Add(number);
                    }

                    found.AddRange(same.Where(o => !found.Any(f => OrderNumbers.AreSame(f.Number, o.Number))));
                }

                if (found.Count == 0)
                {
                    return Failure(turn, BotTexts.OrderNotFound(language, notFound) + " " + BotTexts.AskOrderNumberAgain(language), awaitingOrderNumber: true);
                }

                var replies = found.Select(o => OrderReplyBuilder.Describe(o, _customerOrders.BelongsTo(o, identities), language, _statusNames)).ToList();
                if (found.Any(o => !_customerOrders.BelongsTo(o, identities) && OrderReplyBuilder.HasPersonalDetails(o)))
                {
                    replies.Add(BotTexts.DetailsOnlyForOwner(language));
                }

                if (notFound.Count > 0)
                {
                    replies.Add(BotTexts.OrderNotFound(language, notFound));
                }

                return OrdersFound(turn, found, replies);
            }

            if (identities.Any(i => i.Kind is IdentityKinds.Phone or IdentityKinds.Email))
            {
                var orders = await _customerOrders.FindAsync(identities, ct).ConfigureAwait(false);
                var mine = orders.Where(o => _customerOrders.BelongsTo(o, identities)).ToList();
                var active = mine.Where(o => o.Active).ToList();
                if (active.Count > 0)
                {
                    return OrdersFound(turn, active, active.Select(o => OrderReplyBuilder.Describe(o, personal: true, language, _statusNames)).ToList());
                }

                var none = mine.Count > 0 ? BotTexts.NoActiveOrders(language) : BotTexts.NoOrdersForIdentity(language);
                return Failure(turn, none + " " + BotTexts.AskOrderNumber(language), awaitingOrderNumber: true);
            }

            return Failure(
                turn,
                turn.Memory.AwaitingOrderNumber ? BotTexts.AskOrderNumberAgain(language) : BotTexts.AskOrderNumber(language),
                awaitingOrderNumber: true);
        }
        catch (OrderProviderException exception)
        {
            LogOrderSystemFailed(_logger, exception.StatusCode is { } code ? (int)code : 0, exception.ErrorMessage ?? exception.Message);
            return Handoff(turn, HandoffReason.OrderSystemUnavailable, [BotTexts.OrderSystemUnavailable(language)]);
        }
    }

    private BotTurn OrdersFound(LocalTurnContext turn, IReadOnlyList<Order> found, List<string> replies)
    {
        replies.Add(BotTexts.HumanExit(turn.Language));
        var first = found[0];
        var memory = turn.Memory with
        {
            FailedAttempts = 0,
            AwaitingOrderNumber = false,
            LastOrderNumber = first.Number,
            LastOrderStatus = first.StatusName,
            QuizOffered = false,
            LastIntent = Intents.OrderStatus,
            LastSubIntent = null,
        };
        return Turn(turn, replies, Intents.OrderStatus, null, memory);
    }

    private BotTurn FraudAdviceTurn(LocalTurnContext turn)
    {
        var language = turn.Language;
        var sub = turn.Prediction.SubIntent ?? Intents.FraudCodeRequest;
        var replies = new List<string> { FraudAdvice.For(sub, language) };
        if (sub is not (Intents.FraudCodeRequest or Intents.FraudCardData))
        {
            replies.Add(BotTexts.NeverAsk(language));
        }

        replies.Add(BotTexts.AlreadySharedSomething(language));
        replies.Add(BotTexts.QuizOffer(language) + " " + BotTexts.HumanExit(language));
        var memory = turn.Memory with
        {
            FailedAttempts = 0,
            AwaitingOrderNumber = false,
            QuizOffered = true,
            LastIntent = Intents.Fraud,
            LastSubIntent = sub,
        };
        return Turn(turn, replies, Intents.Fraud, sub, memory);
    }

    private BotTurn Victim(LocalTurnContext turn)
    {
        var language = turn.Language;
        var replies = new List<string>
        {
            FraudAdvice.For(Intents.FraudAlreadyVictim, language, _fraudContacts.For(CustomerRegion.Of(turn.Request.VerifiedIdentities, _phones))),
            BotTexts.UrgentHandoff(language, turn.Request.QueuePlaces?.For(HandoffPriority.Urgent)),
        };
        var memory = turn.Memory with
        {
            FailedAttempts = 0,
            AwaitingOrderNumber = false,
            QuizStep = null,
            QuizScore = 0,
            QuizOffered = false,
            LastIntent = Intents.Fraud,
            LastSubIntent = Intents.FraudAlreadyVictim,
            HandedOff = true,
        };
        var card = new HandoffCard(
            Intents.Fraud,
            turn.Memory.LastOrderNumber,
            turn.Memory.LastOrderStatus,
            Fraud: true,
            PossibleVictim: true,
            $"Possible fraud victim ({Intents.FraudAlreadyVictim}): \"{Snippet(turn.Text)}\"",
            HandoffPriority.Urgent);
        return Turn(turn, replies, Intents.Fraud, Intents.FraudAlreadyVictim, memory) with { HandOff = true, Handoff = card };
    }

    private BotTurn Handoff(LocalTurnContext turn, HandoffReason reason, IReadOnlyList<string>? before = null)
    {
        var memory = turn.Memory;
        var fraud = memory.LastIntent == Intents.Fraud || turn.Prediction.Intent == Intents.Fraud;
        var intent = reason == HandoffReason.Asked
            ? (memory.LastIntent is Intents.OrderStatus or Intents.Fraud ? memory.LastIntent : Intents.Human)
            : turn.Prediction.Intent;
        var context = memory.LastOrderNumber is { } number
            ? $" about order {number}" + (memory.LastOrderStatus is { } status ? $" (status \"{status}\")" : string.Empty)
            : fraud ? $" after fraud advice ({memory.LastSubIntent ?? turn.Prediction.SubIntent ?? Intents.Fraud})" : string.Empty;
        var summary = reason switch
        {
            HandoffReason.Asked => $"Customer asked for a person{context}: \"{Snippet(turn.Text)}\"",
            HandoffReason.FailedAttempts => $"Bot could not help after {MaxFailedAttempts} attempts ({turn.Prediction.Intent}){context}: \"{Snippet(turn.Text)}\"",
            _ => $"Order system unavailable while checking the order{context}: \"{Snippet(turn.Text)}\"",
        };
        var priority = fraud ? HandoffPriority.High : HandoffPriority.Normal;
        var card = new HandoffCard(intent, memory.LastOrderNumber, memory.LastOrderStatus, fraud, PossibleVictim: false, summary, priority);
        var replies = new List<string>(before ?? []) { BotTexts.Handoff(turn.Language, turn.Request.QueuePlaces?.For(priority)) };
        var newMemory = memory with { HandedOff = true, AwaitingOrderNumber = false, QuizStep = null, QuizScore = 0 };
        var decisionIntent = reason == HandoffReason.Asked ? Intents.Human : turn.Prediction.Intent;
        var decisionSub = reason == HandoffReason.Asked ? null : turn.Prediction.SubIntent;
        return Turn(turn, replies, decisionIntent, decisionSub, newMemory) with { HandOff = true, Handoff = card };
    }

    private BotTurn Failure(LocalTurnContext turn, string reply, bool awaitingOrderNumber = false)
    {
        if (turn.Memory.FailedAttempts >= MaxFailedAttempts)
        {
            var memory = turn.Memory with { FailedAttempts = turn.Memory.FailedAttempts + 1 };
            return Handoff(turn with { Memory = memory }, HandoffReason.FailedAttempts);
        }

        var newMemory = turn.Memory with
        {
            FailedAttempts = turn.Memory.FailedAttempts + 1,
            AwaitingOrderNumber = awaitingOrderNumber,
            QuizOffered = false,
            LastIntent = turn.Prediction.Intent,
            LastSubIntent = turn.Prediction.SubIntent,
        };
        return Turn(turn, [reply, BotTexts.HumanExit(turn.Language)], turn.Prediction.Intent, turn.Prediction.SubIntent, newMemory);
    }

    private BotTurn SmallTalk(LocalTurnContext turn)
    {
        var normalized = TextNormalizer.Basic(turn.Text);
        var language = turn.Language;
        string reply;
        if (Greeting().IsMatch(normalized))
        {
            reply = BotTexts.Greeting(language, turn.Request.CustomerName) + " " + BotTexts.HumanExit(language);
        }
        else if (Thanks().IsMatch(normalized))
        {
            reply = BotTexts.Thanks(language);
        }
        else
        {
            reply = BotTexts.WhatICanDo(language) + " " + BotTexts.HumanExit(language);
        }

        return Turn(turn, [reply], Intents.Other, null, turn.Memory with { QuizOffered = false });
    }

    private BotTurn StartQuiz(LocalTurnContext turn)
    {
        var language = turn.Language;
        var memory = turn.Memory with { QuizStep = 0, QuizScore = 0, QuizOffered = false, FailedAttempts = 0, AwaitingOrderNumber = false };
        return QuizTurn(turn, [FraudQuiz.Intro(language), FraudQuiz.Question(0, language)], memory);
    }

    private BotTurn? ContinueQuiz(LocalTurnContext turn, int step)
    {
        var language = turn.Language;
        var answer = FraudQuiz.ParseAnswer(turn.Text);
        switch (answer)
        {
            case QuizAnswer.Stop:
                return QuizTurn(turn, [FraudQuiz.Stopped(language) + " " + BotTexts.HumanExit(language)], turn.Memory with { QuizStep = null, QuizScore = 0 });
            case QuizAnswer.Shop or QuizAnswer.Scammer:
                var correct = (answer == QuizAnswer.Scammer) == FraudQuiz.Situations[step].IsScam;
                var score = turn.Memory.QuizScore + (correct ? 1 : 0);
                var replies = new List<string> { FraudQuiz.Feedback(step, correct, language) };
                if (step + 1 < FraudQuiz.Situations.Count)
                {
                    replies.Add(FraudQuiz.Question(step + 1, language));
                    return QuizTurn(turn, replies, turn.Memory with { QuizStep = step + 1, QuizScore = score });
                }

                replies.Add(FraudQuiz.Result(score, language) + " " + BotTexts.HumanExit(language));
                return QuizTurn(turn, replies, turn.Memory with { QuizStep = null, QuizScore = 0 });
        }

        var prediction = turn.Prediction;
        var leaves = prediction.Intent is Intents.Fraud or Intents.Human ||
                     (prediction.Intent == Intents.OrderStatus && (prediction.ByRule || prediction.Confidence >= 0.6));
        if (leaves)
        {
            return null;
        }

        return QuizTurn(turn, [FraudQuiz.Hint(language), FraudQuiz.Question(step, language)], turn.Memory);
    }

    private static BotTurn QuizTurn(LocalTurnContext turn, IReadOnlyList<string> replies, BotMemory memory)
    {
        var quizTurn = turn with { Prediction = new IntentPrediction(Intents.Other, Intents.Quiz, 1.0, "rule:quiz") };
        return Turn(quizTurn, replies, Intents.Other, Intents.Quiz, memory with { LastIntent = Intents.Other, LastSubIntent = Intents.Quiz });
    }

    private static BotTurn Turn(LocalTurnContext turn, IReadOnlyList<string> replies, string intent, string? subIntent, BotMemory memory)
    {
        var prediction = turn.Prediction;
        var sameReading = prediction.Intent == intent;
        var decision = new BotDecision(intent, sameReading ? prediction.Confidence : 1.0, subIntent, turn.Language)
        {
            Source = sameReading ? prediction.Source : "rule:dialogue",
        };
        var labels = subIntent is null ? new[] { intent } : new[] { intent, subIntent };
        return new BotTurn(replies, decision, HandOff: false, Handoff: null, memory, labels);
    }

    private BotTurn Sanitize(BotTurn turn, string language)
    {
        if (!turn.Replies.Any(ReplyGuard.AsksForSecrets))
        {
            return turn;
        }

        LogUnsafeReplyReplaced(_logger);
        var replies = turn.Replies.Select(r => ReplyGuard.AsksForSecrets(r) ? BotTexts.NeverAsk(language) : r).ToArray();
        return turn with { Replies = replies };
    }

    private static string Snippet(string text)
    {
        var oneLine = string.Join(' ', text.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return oneLine.Length <= SummarySnippetLength ? oneLine : oneLine[..SummarySnippetLength] + "…";
    }

    [GeneratedRegex(@"^(?:привет|здравств|здрасте|добр(?:ый|ое|ий|ого)|привіт|вітаю|hi\b|hello|hey|good (?:morning|afternoon|evening)|privet)")]
    private static partial Regex Greeting();

    [GeneratedRegex(@"(?:спасибо|благодарю|дякую|thank|thx|пока|до свидания|бувай|до побачення|bye|spasibo)")]
    private static partial Regex Thanks();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order system failed (HTTP {StatusCode}): {Error}; handing off")]
    private static partial void LogOrderSystemFailed(ILogger logger, int statusCode, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "A reply that asked for a secret was replaced")]
    private static partial void LogUnsafeReplyReplaced(ILogger logger);
}
