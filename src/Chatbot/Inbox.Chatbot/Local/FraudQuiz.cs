using System.Globalization;
using System.Text.RegularExpressions;
using Inbox.Chatbot.Text;

namespace Inbox.Chatbot.Local;

/// <summary>
/// The gamified "shop or scammer?" quiz: five short situations, the customer answers 1 (shop) or 2 (scammer), gets the reason
/// after each answer and a score with the lesson at the end. Progress lives in <see cref="BotMemory.QuizStep"/> and
/// <see cref="BotMemory.QuizScore"/>.
/// </summary>
public static partial class FraudQuiz
{
    /// <summary>The situations, in the order asked.</summary>
    public static IReadOnlyList<QuizSituation> Situations { get; } =
    [
        new(
            true,
            "Звонит «курьер магазина», называет ваше имя и адрес и просит продиктовать код из SMS, «чтобы подтвердить доставку».",
            "Дзвонить «кур'єр магазину», називає ваше ім'я та адресу і просить продиктувати код з SMS, «щоб підтвердити доставку».",
            "A \"store courier\" calls, knows your name and address, and asks you to read out the SMS code \"to confirm delivery\".",
            "Коды нужны только мошенникам: код из SMS открывает ваш банк или Госуслуги. Знание имени и адреса ничего не доказывает.",
            "Коди потрібні лише шахраям: код з SMS відкриває ваш банк чи державні сервіси. Знання імені й адреси нічого не доводить.",
            "Only scammers need codes: the SMS code opens your bank or government account. Knowing your name and address proves nothing."),
        new(
            false,
            "Вы сами открыли официальное приложение магазина: заказ «Готов к выдаче». В пункте выдачи вас просят назвать номер заказа.",
            "Ви самі відкрили офіційний застосунок магазину: замовлення «Готове до видачі». У пункті видачі вас просять назвати номер замовлення.",
            "You opened the store's official app yourself: your order is \"Ready for pickup\". At the pickup point they ask for your order number.",
            "Это магазин: номер заказа — не секрет, а статус вы проверили сами в официальном приложении.",
            "Це магазин: номер замовлення — не секрет, а статус ви перевірили самі в офіційному застосунку.",
            "That's the store: an order number isn't a secret, and you checked the status yourself in the official app."),
        new(
            true,
            "SMS: «Ваша посылка задержана на складе. Оплатите хранение 149 ₽ по ссылке, иначе её вернут отправителю».",
            "SMS: «Вашу посилку затримано на складі. Оплатіть зберігання 149 грн за посиланням, інакше її повернуть відправнику».",
            "SMS: \"Your parcel is held at the warehouse. Pay a 149 storage fee via the link or it goes back to the sender\".",
            "Мошенники: плата за хранение по ссылке из SMS и спешка — классические признаки. Статус проверяйте только в приложении.",
            "Шахраї: плата за зберігання за посиланням з SMS і поспіх — класичні ознаки. Статус перевіряйте лише в застосунку.",
            "Scammers: a storage fee via an SMS link and time pressure are classic signs. Check the status only in the app."),
        new(
            false,
            "Вы написали в чат на официальном сайте магазина. Оператор просит номер заказа, чтобы проверить доставку, и ничего больше.",
            "Ви написали в чат на офіційному сайті магазину. Оператор просить номер замовлення, щоб перевірити доставку, і нічого більше.",
            "You wrote to the chat on the store's official website. The operator asks for your order number to check the delivery, nothing else.",
            "Это магазин: вы сами начали разговор в официальном канале, а номер заказа — не секретные данные.",
            "Це магазин: ви самі почали розмову в офіційному каналі, а номер замовлення — не секретні дані.",
            "That's the store: you started the conversation in an official channel, and an order number isn't secret."),
        new(
            true,
            "Звонит «служба безопасности магазина»: на вас оформлен подозрительный заказ, чтобы отменить его, нужно установить приложение «для защиты».",
            "Дзвонить «служба безпеки магазину»: на вас оформлено підозріле замовлення, щоб скасувати його, треба встановити застосунок «для захисту».",
            "\"The store's security service\" calls: a suspicious order was placed in your name, and to cancel it you must install a \"protection\" app.",
            "Мошенники: «служба безопасности» и приложение для удалённого доступа — повод сразу положить трубку.",
            "Шахраї: «служба безпеки» і застосунок для віддаленого доступу — привід одразу покласти слухавку.",
            "Scammers: a \"security service\" and a remote-access app are a reason to hang up at once."),
    ];

    /// <summary>Reads an answer: 1 / "магазин" / "shop" is the shop; 2 / "мошенник" / "scammer" a scammer; "стоп" / "stop" ends the quiz.</summary>
    public static QuizAnswer ParseAnswer(string? text)
    {
        var normalized = TextNormalizer.Basic(text).Trim(' ', '.', '!', '?', ')', '"');
        if (normalized.Length == 0)
        {
            return QuizAnswer.None;
        }

        if (Stop().IsMatch(normalized))
        {
            return QuizAnswer.Stop;
        }

        var shop = Shop().IsMatch(normalized);
        var scam = Scam().IsMatch(normalized);
        return (shop, scam) switch
        {
            (true, false) => QuizAnswer.Shop,
            (false, true) => QuizAnswer.Scammer,
            _ => QuizAnswer.None,
        };
    }

    /// <summary>True for a plain "yes" (to the quiz offer).</summary>
    public static bool IsYes(string? text) => Yes().IsMatch(TextNormalizer.Basic(text).Trim(' ', '.', '!', ')'));

    public static string Intro(string language) => string.Format(
        CultureInfo.InvariantCulture,
        BotTexts.Pick(
            language,
            "Тест «Магазин или мошенник?»: {0} ситуаций. На каждую ответьте 1 — магазин или 2 — мошенник. «Стоп» — закончить.",
            "Тест «Магазин чи шахрай?»: {0} ситуацій. На кожну відповідайте 1 — магазин або 2 — шахрай. «Стоп» — завершити.",
            "\"Shop or scammer?\" quiz: {0} situations. Answer each with 1 — shop or 2 — scammer. Type \"stop\" to end."),
        Situations.Count);

    public static string Question(int step, string language) => string.Format(
        CultureInfo.InvariantCulture,
        BotTexts.Pick(language, "Ситуация {0} из {1}. {2} Магазин (1) или мошенник (2)?", "Ситуація {0} з {1}. {2} Магазин (1) чи шахрай (2)?", "Situation {0} of {1}. {2} Shop (1) or scammer (2)?"),
        step + 1,
        Situations.Count,
        Situations[step].Text(language));

    public static string Feedback(int step, bool correct, string language) =>
        (correct ? BotTexts.Pick(language, "Верно! ", "Правильно! ", "Correct! ") : BotTexts.Pick(language, "Не совсем. ", "Не зовсім. ", "Not quite. ")) +
        Situations[step].Why(language);

    public static string Hint(string language) => BotTexts.Pick(
        language,
        "Ответьте 1 — магазин или 2 — мошенник (или «стоп», чтобы закончить).",
        "Відповідайте 1 — магазин або 2 — шахрай (або «стоп», щоб завершити).",
        "Answer 1 — shop or 2 — scammer (or \"stop\" to end).");

    public static string Result(int score, string language) => string.Format(
        CultureInfo.InvariantCulture,
        BotTexts.Pick(language, "Ваш результат: {0} из {1}.", "Ваш результат: {0} з {1}.", "Your score: {0} of {1}."),
        score,
        Situations.Count) + " " + Lesson(language);

    public static string Lesson(string language) => BotTexts.Pick(
        language,
        "Главное: магазин никогда не просит коды из SMS, CVV, пароли и данные карты и не просит ставить приложения. Сомневаетесь — положите трубку и перезвоните по номеру с официального сайта.",
        "Головне: магазин ніколи не просить коди з SMS, CVV, паролі й дані картки і не просить встановлювати застосунки. Сумніваєтеся — покладіть слухавку і передзвоніть за номером з офіційного сайту.",
        "The lesson: the store never asks for SMS codes, CVV, passwords or card details and never asks you to install apps. In doubt, hang up and call back on the number from the official website.");

    public static string Stopped(string language) => BotTexts.Pick(
        language,
        "Хорошо, закончили тест. " + Lesson(language),
        "Добре, завершили тест. " + Lesson(language),
        "OK, quiz stopped. " + Lesson(language));

    [GeneratedRegex(@"^(?:1|1\)|один|один\.|shop|store|the shop|the store|it's the shop|магазин|это магазин|це магазин|magazin|перш\p{L}*|перв\p{L}*|first)$")]
    private static partial Regex Shop();

    [GeneratedRegex(@"^(?:2|2\)|два|scam|scammer|scammers|fraud|fraudster|it's a scam|a scammer|мошенник\p{L}*|мошейник\p{L}*|мошенники|это мошенник\p{L}*|это мошенники|шахрай|шахраї|це шахрай|це шахраї|moshennik\p{L}*|развод|лохотрон|друг\p{L}*|second)$")]
    private static partial Regex Scam();

    [GeneratedRegex(@"^(?:стоп|хватит|выход|закончить|отмена|stop|exit|quit|cancel|досить|вихід|завершити|стоп тест|stop quiz)$")]
    private static partial Regex Stop();

    [GeneratedRegex(@"^(?:да|давай|давайте|хочу|конечно|ага|так|звісно|авжеж|yes|yeah|yep|sure|ok|okay|ок|окей|da|davai|go)$")]
    private static partial Regex Yes();
}
