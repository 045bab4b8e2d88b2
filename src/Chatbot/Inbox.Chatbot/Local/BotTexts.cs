using System.Globalization;
using Inbox.Chatbot.Text;
using Inbox.Orders;

namespace Inbox.Chatbot.Local;

/// <summary>Everything the Local engine says, in Russian, Ukrainian and English. No text asks for a code, CVV, password or card data.</summary>
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
    public static string HumanExit(string language) => Pick(
        language,
        "Если нужен человек, напишите «оператор».",
        "Якщо потрібна людина, напишіть «оператор».",
        "If you'd like a person, type \"operator\".");

    public static string Handoff(string language, int? queuePosition)
    {
        var text = Pick(
            language,
            "Передаю разговор оператору — вам ответит человек в этом же чате.",
            "Передаю розмову оператору — вам відповість людина в цьому ж чаті.",
            "I'm passing the conversation to an operator — a person will reply here in this chat.");
        return text + QueuePlace(language, queuePosition);
    }

    /// <summary>" Your place in the queue: N." when the place is known, else nothing.</summary>
    private static string QueuePlace(string language, int? queuePosition) => queuePosition is > 0
        ? " " + string.Format(
            CultureInfo.InvariantCulture,
            Pick(language, "Ваше место в очереди: {0}.", "Ваше місце в черзі: {0}.", "Your place in the queue: {0}."),
            queuePosition.Value)
        : "";

    public static string UrgentHandoff(string language, int? queuePosition)
    {
        var text = Pick(
            language,
            "Передаю разговор оператору вне очереди — человек ответит вам как можно скорее.",
            "Передаю розмову оператору поза чергою — людина відповість вам якнайшвидше.",
            "I'm passing you to an operator with top priority — a person will reply as soon as possible.");
        return text + QueuePlace(language, queuePosition);
    }

    public static string OrderSystemUnavailable(string language) => Pick(
        language,
        "Не получается проверить заказ прямо сейчас: система заказов не отвечает.",
        "Не вдається перевірити замовлення просто зараз: система замовлень не відповідає.",
        "I can't check the order right now: the order system isn't answering.");

    public static string AskOrderNumber(string language) => Pick(
        language,
        "Пришлите, пожалуйста, номер заказа — он есть в письме или SMS о заказе и в личном кабинете (например, 1048576).",
        "Надішліть, будь ласка, номер замовлення — він є в листі чи SMS про замовлення та в особистому кабінеті (наприклад, 1048576).",
        "Please send me the order number — it's in the order email or SMS and in your account (for example, 1048576).");

    public static string AskOrderNumberAgain(string language) => Pick(
        language,
        "Проверьте, пожалуйста, номер заказа и пришлите его ещё раз — только номер заказа, больше ничего не нужно.",
        "Перевірте, будь ласка, номер замовлення і надішліть його ще раз — лише номер замовлення, більше нічого не потрібно.",
        "Please check the order number and send it again — just the order number, nothing else is needed.");

    public static string OrderNotFound(string language, IReadOnlyList<string> numbers) => string.Format(
        CultureInfo.InvariantCulture,
        Pick(
            language,
            numbers.Count == 1 ? "Не нашёл заказ {0}." : "Не нашёл заказы {0}.",
            numbers.Count == 1 ? "Не знайшов замовлення {0}." : "Не знайшов замовлень {0}.",
            numbers.Count == 1 ? "I couldn't find order {0}." : "I couldn't find orders {0}."),
        string.Join(", ", numbers));

    public static string NoActiveOrders(string language) => Pick(
        language,
        "По вашему телефону и почте не вижу активных заказов.",
        "За вашим телефоном і поштою не бачу активних замовлень.",
        "I don't see any active orders for your phone or email.");

    public static string NoOrdersForIdentity(string language) => Pick(
        language,
        "По вашему телефону и почте заказов не нашёл.",
        "За вашим телефоном і поштою замовлень не знайшов.",
        "I found no orders for your phone or email.");

    public static string DetailsOnlyForOwner(string language) => Pick(
        language,
        "Адрес и состав заказа сообщаю только владельцу заказа — напишите нам с телефона или почты, указанных в заказе.",
        "Адресу й склад замовлення повідомляю лише власнику замовлення — напишіть нам з телефону чи пошти, вказаних у замовленні.",
        "I share the address and items only with the order's owner — write to us from the phone or email on the order.");

    public static string StatusMissing(string language, string number) => string.Format(
        CultureInfo.InvariantCulture,
        Pick(
            language,
            "Заказ {0} нашёл, но система заказов не называет его статус — уточнит оператор.",
            "Замовлення {0} знайшов, але система замовлень не називає його статус — уточнить оператор.",
            "I found order {0}, but the order system gives no status name for it — an operator can check."),
        number);

    public static string OrderStatus(string language, string number, string statusName) => string.Format(
        CultureInfo.InvariantCulture,
        Pick(language, "Заказ {0}: статус «{1}».", "Замовлення {0}: статус «{1}».", "Order {0}: status \"{1}\"."),
        number,
        statusName);

    public static string Delivery(string language, DateOnly? date, string? interval)
    {
        var when = string.Join(", ", new[] { date?.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture), interval }.Where(v => !string.IsNullOrWhiteSpace(v)));
        return Pick(language, "Доставка: ", "Доставка: ", "Delivery: ") + when + ".";
    }

    public static string PickupPoint(string language, string pickupPoint) =>
        Pick(language, "Пункт выдачи: ", "Пункт видачі: ", "Pickup point: ") + pickupPoint + ".";

    public static string Tracking(string language, string trackingNumber) =>
        Pick(language, "Трек-номер: ", "Трек-номер: ", "Tracking number: ") + trackingNumber + ".";

    public static string Address(string language, string address) =>
        Pick(language, "Адрес доставки: ", "Адреса доставки: ", "Delivery address: ") + address + ".";

    public static string Items(string language, IEnumerable<OrderItem> items) =>
        Pick(language, "Состав: ", "Склад: ", "Items: ") +
        string.Join("; ", items.Select(i => string.Create(CultureInfo.InvariantCulture, $"{i.Name} × {i.Quantity:0.##}"))) + ".";

    public static string Greeting(string language, string? name)
    {
        var hello = string.IsNullOrWhiteSpace(name)
            ? Pick(language, "Здравствуйте!", "Вітаю!", "Hello!")
            : Pick(language, $"Здравствуйте, {name}!", $"Вітаю, {name}!", $"Hello, {name}!");
        return hello + " " + WhatICanDo(language);
    }

    public static string WhatICanDo(string language) => Pick(
        language,
        "Я подскажу статус заказа и помогу проверить подозрительный звонок или сообщение. Можно пройти короткий тест «Магазин или мошенник?» — напишите «тест».",
        "Я підкажу статус замовлення і допоможу перевірити підозрілий дзвінок чи повідомлення. Можна пройти короткий тест «Магазин чи шахрай?» — напишіть «тест».",
        "I can tell you your order status and help you check a suspicious call or message. There's also a short \"Shop or scammer?\" quiz — type \"quiz\".");

    public static string Thanks(string language) => Pick(
        language,
        "Пожалуйста! Обращайтесь.",
        "Будь ласка! Звертайтеся.",
        "You're welcome!");

    public static string NotUnderstood(string language) => Pick(
        language,
        "Не уверен, что понял вас. Я подскажу статус заказа (пришлите номер) или помогу разобраться с подозрительным звонком или сообщением.",
        "Не впевнений, що зрозумів вас. Я підкажу статус замовлення (надішліть номер) або допоможу розібратися з підозрілим дзвінком чи повідомленням.",
        "I'm not sure I understood. I can check an order status (send the number) or help with a suspicious call or message.");

    public static string OutOfScope(string language) => Pick(
        language,
        "С этим вопросом лучше поможет оператор. Я же подскажу статус заказа или помогу проверить подозрительный звонок.",
        "З цим питанням краще допоможе оператор. Я ж підкажу статус замовлення або допоможу перевірити підозрілий дзвінок.",
        "An operator will help best with that. I can check an order status or help you check a suspicious call.");

    public static string QuizOffer(string language) => Pick(
        language,
        "Хотите потренироваться? Короткий тест «Магазин или мошенник?» — 5 ситуаций. Напишите «тест».",
        "Хочете потренуватися? Короткий тест «Магазин чи шахрай?» — 5 ситуацій. Напишіть «тест».",
        "Want to practise? A short \"Shop or scammer?\" quiz — 5 situations. Type \"quiz\".");

    public static string NeverAsk(string language) => Pick(
        language,
        "Мы никогда не просим коды из SMS и push-уведомлений, CVV, пароли и номер карты — ни по телефону, ни в чате.",
        "Ми ніколи не просимо коди з SMS і push-сповіщень, CVV, паролі та номер картки — ні телефоном, ні в чаті.",
        "We never ask for SMS or push codes, CVV, passwords or card numbers — not by phone and not in chat.");

    /// <summary>After fraud advice: the way to say one has already been caught (a standing hint, said once).</summary>
    public static string TellIfAlreadyShared(string language) => Pick(
        language,
        "Если вы уже сообщили код или данные карты или у вас пропали деньги — напишите об этом, и я сразу подключу оператора.",
        "Якщо ви вже повідомили код чи дані картки або у вас зникли гроші — напишіть про це, і я одразу підключу оператора.",
        "If you have already shared a code or card details, or money is missing, tell me and I'll bring in an operator at once.");

    /// <summary>The answer to a customer who shared their own phone number through the channel.</summary>
    public static string NumberSaved(string language) => Pick(
        language,
        "Спасибо, номер сохранили.",
        "Дякуємо, номер збережено.",
        "Thanks, we've saved your number.");
}
