using System.Globalization;
using Inbox.Chatbot.Text;
using Inbox.Orders;

namespace Inbox.Chatbot.Local;

/// <summary>
/// Everything the Local engine says, in Russian, Ukrainian and English. The texts live in the embedded resource files
/// <c>Local/Texts/bot.{ru,uk,en}.json</c> (see <see cref="BotTextCatalog"/>); these methods pick and fill them.
/// No text asks for a code, CVV, password or card data.
/// </summary>
public static class BotTexts
{
    /// <summary>Picks the text of the language (Russian when unknown).</summary>
    public static string Pick(string language, string russian, string ukrainian, string english) => language switch
    {
        LanguageDetector.Ukrainian => ukrainian,
        LanguageDetector.English => english,
        _ => russian,
    };

    /// <summary>The way out to a person, added to answers.</summary>
    public static string HumanExit(string language) => BotTextCatalog.Text(language, "human_exit");

    public static string Handoff(string language, int? queuePosition) =>
        BotTextCatalog.Text(language, "handoff") + QueuePlace(language, queuePosition);

    public static string UrgentHandoff(string language, int? queuePosition) =>
        BotTextCatalog.Text(language, "urgent_handoff") + QueuePlace(language, queuePosition);

    public static string OrderSystemUnavailable(string language) => BotTextCatalog.Text(language, "order_system_unavailable");

    public static string AskOrderNumber(string language) => BotTextCatalog.Text(language, "ask_order_number");

    public static string AskOrderNumberAgain(string language) => BotTextCatalog.Text(language, "ask_order_number_again");

    public static string OrderNotFound(string language, IReadOnlyList<string> numbers)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        return BotTextCatalog.Format(language, numbers.Count == 1 ? "order_not_found.one" : "order_not_found.many", ("numbers", string.Join(", ", numbers)));
    }

    public static string NoActiveOrders(string language) => BotTextCatalog.Text(language, "no_active_orders");

    public static string NoOrdersForIdentity(string language) => BotTextCatalog.Text(language, "no_orders_for_identity");

    public static string DetailsOnlyForOwner(string language) => BotTextCatalog.Text(language, "details_only_for_owner");

    public static string StatusMissing(string language, string number) => BotTextCatalog.Format(language, "status_missing", ("number", number));

    /// <summary>"Order N: status "name"." with the status name exactly as given (the order system's, or its translation).</summary>
    public static string OrderStatus(string language, string number, string statusName) =>
        BotTextCatalog.Format(language, "order_status", ("number", number), ("status", statusName));

    public static string Delivery(string language, DateOnly? date, string? interval)
    {
        var when = string.Join(", ", new[] { date?.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture), interval }.Where(v => !string.IsNullOrWhiteSpace(v)));
        return BotTextCatalog.Format(language, "delivery", ("when", when));
    }

    public static string PickupPoint(string language, string pickupPoint) => BotTextCatalog.Format(language, "pickup_point", ("point", pickupPoint));

    public static string Tracking(string language, string trackingNumber) => BotTextCatalog.Format(language, "tracking", ("tracking", trackingNumber));

    public static string Address(string language, string address) => BotTextCatalog.Format(language, "address", ("address", address));

    public static string Items(string language, IEnumerable<OrderItem> items) => BotTextCatalog.Format(
        language,
        "items",
        ("items", string.Join("; ", items.Select(i => string.Create(CultureInfo.InvariantCulture, $"{i.Name} × {i.Quantity:0.##}")))));

    public static string Greeting(string language, string? name)
    {
        var hello = string.IsNullOrWhiteSpace(name)
            ? BotTextCatalog.Text(language, "greeting")
            : BotTextCatalog.Format(language, "greeting_named", ("name", name));
        return hello + " " + WhatICanDo(language);
    }

    public static string WhatICanDo(string language) => BotTextCatalog.Text(language, "what_i_can_do");

    public static string Thanks(string language) => BotTextCatalog.Text(language, "thanks");

    public static string NotUnderstood(string language) => BotTextCatalog.Text(language, "not_understood");

    public static string OutOfScope(string language) => BotTextCatalog.Text(language, "out_of_scope");

    public static string QuizOffer(string language) => BotTextCatalog.Text(language, "quiz_offer");

    public static string NeverAsk(string language) => BotTextCatalog.Text(language, "never_ask");

    /// <summary>After fraud advice: tell me if a code or card data was already given, and a person takes over at once.</summary>
    public static string AlreadySharedSomething(string language) => BotTextCatalog.Text(language, "fraud.already_shared");

    /// <summary>" Your place in the queue: N." when the place is known, else nothing.</summary>
    private static string QueuePlace(string language, int? queuePosition) => queuePosition is > 0
        ? " " + BotTextCatalog.Format(language, "queue_place", ("position", queuePosition.Value.ToString(CultureInfo.InvariantCulture)))
        : "";

    /// <summary>The answer to a customer who shared their own phone number through the channel.</summary>
    public static string NumberSaved(string language) => BotTextCatalog.Text(language, "number_saved");
}
