using System.Text.RegularExpressions;

namespace Inbox.Chatbot.Local;

/// <summary>
/// Deterministic rules applied where they are clearly right, before and after the model: a customer who says they gave
/// a code or lost money is a possible victim; someone asking the customer for a code, CVV or card data is a scam;
/// "operator" with no scam story is a request for a human; "quiz" is the quiz. All work on <see cref="Text.TextNormalizer.Basic"/> text.
/// </summary>
public static partial class IntentRules
{
    /// <summary>
    /// True when the customer says they already gave a code or card data ("я его продиктовала": dictating "it" can only be a code
    /// or a card number), or lost money or bonuses to a scam.
    /// </summary>
    public static bool IsPossibleVictim(string normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        if (FirstUnnegated(GaveSecret(), normalized) || FirstUnnegated(SecretGiven(), normalized) || FirstUnnegated(DictatedIt(), normalized) ||
            FirstUnnegated(Robbed(), normalized) || FirstUnnegated(SafeAccountTransfer(), normalized))
        {
            return true;
        }

        return (FirstUnnegated(MoneyGone(), normalized) || FirstUnnegated(MoneyGoneReversed(), normalized)) &&
               ScamContext().IsMatch(normalized);
    }

    /// <summary>
    /// True for a question about the customer's own delivery or notification — a late courier, a delivery slot to confirm or move,
    /// a missing SMS or notification about their order — when nothing in it is a fraud trigger (<see cref="HasFraudTrigger"/>).
    /// </summary>
    public static bool IsOwnDeliveryQuestion(string normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        var context = LateDelivery().IsMatch(normalized) || DeliverySlot().IsMatch(normalized) ||
                      (MissingNotification().IsMatch(normalized) && OrderWord().IsMatch(normalized));
        return context && !HasFraudTrigger(normalized);
    }

    /// <summary>
    /// True for a complaint about the customer's own payment taken twice ("с меня дважды списали деньги за заказ",
    /// "charged twice for order 123") when nothing in it is a fraud trigger (<see cref="HasFraudTrigger"/>) and nobody called or
    /// wrote about it (a stranger who reports a double charge and offers a refund is the fake-refund scam).
    /// </summary>
    public static bool IsDoubleChargeComplaint(string normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        return DoubleCharge().IsMatch(normalized) && !HasFraudTrigger(normalized) && !SomeoneGotInTouch().IsMatch(normalized);
    }

    /// <summary>
    /// True when the message mentions what turns an order question into a scam: a code, password or card data, a request to pay
    /// or transfer money, a link or a site, an app to install, a scam or prize word, or any <see cref="ScamMarker"/>.
    /// </summary>
    public static bool HasFraudTrigger(string normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        return SecretNoun().IsMatch(normalized) || PaymentRequest().IsMatch(normalized) || LinkOrApp().IsMatch(normalized) ||
               ScamWord().IsMatch(normalized) || ScamMarker(normalized) is not null;
    }

    /// <summary>
    /// The message without a leading "Сообщение номер 2:" / "Повідомлення №3." / "Message 2 -": customers who write in pieces
    /// sometimes number them, and a numbered message is not a prize notice.
    /// </summary>
    public static string WithoutMessageNumber(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return MessageNumber().Replace(text, string.Empty, 1);
    }

    /// <summary>True when someone asks (or asked) the customer for a one-time code, CVV, password or card data.</summary>
    public static bool IsSecretRequest(string normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        return SecretNoun().IsMatch(normalized) && RequestVerb().IsMatch(normalized);
    }

    /// <summary>
    /// The playbook's hang-up phrases and tell-tale scam markers ("security service", "safe account", a loan in your name,
    /// "SIM expiring", remote-access apps, unclaimed gifts, storage fees, "is this really you?") with the sub-intent each
    /// points to, or null.
    /// </summary>
    public static string? ScamMarker(string normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        if (SecurityService().IsMatch(normalized))
        {
            return Intents.FraudAccountHacked;
        }

        if (RemoteAccess().IsMatch(normalized))
        {
            return Intents.FraudRemoteAppOrLink;
        }

        if (UnclaimedGifts().IsMatch(normalized))
        {
            return Intents.FraudFakePrizePromo;
        }

        if (StorageFee().IsMatch(normalized))
        {
            return Intents.FraudFakeCourier;
        }

        if (VerifyWord().IsMatch(normalized) && ContactChannel().IsMatch(normalized))
        {
            return Intents.FraudVerifyCall;
        }

        return null;
    }

    /// <summary>
    /// True for a bare "мне позвонили" / "мені подзвонили" / "someone called me": the first piece of a story told in pieces, which
    /// the bot answers with the advice on calls in the shop's name (and never reads as a request for a person).
    /// </summary>
    public static bool IsBareCallReport(string normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        return BareCallReport().IsMatch(normalized);
    }

    /// <summary>True when the customer asks for a person and tells no scam story.</summary>
    public static bool IsHumanRequest(string normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        if (!HumanNoun().IsMatch(normalized) || ScamContext().IsMatch(normalized) || CallerWords().IsMatch(normalized) ||
            SecretNoun().IsMatch(normalized))
        {
            return false;
        }

        return HumanAsk().IsMatch(normalized) || normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 3;
    }

    /// <summary>True when the customer asks for the "shop or scammer?" quiz.</summary>
    public static bool IsQuizRequest(string normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        return QuizWord().IsMatch(normalized) && !ScamStory().IsMatch(normalized);
    }

    /// <summary>True for greetings, thanks, goodbyes and acknowledgements that need no help.</summary>
    public static bool IsSmallTalk(string normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        return SmallTalk().IsMatch(normalized);
    }

    private static bool FirstUnnegated(Regex regex, string text)
    {
        foreach (Match match in regex.Matches(text))
        {
            var start = Math.Max(0, match.Index - 12);
            var before = text[start..match.Index];
            if (!Negation().IsMatch(before) && !InnerNegation().IsMatch(match.Value))
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"служб\p{L}* безопасност|служб\p{L}* безпек|security (?:service|department|team)|безопасн\p{L}* сч[её]т|безпечн\p{L}* рахун|защищенн\p{L}* сч[её]т|захищен\p{L}* рахун|safe account|кредит на (?:меня|мое имя|мене|моє ім'я)|оформил\p{L}* (?:на меня )?кредит|оформили на мене кредит|заявк\p{L}* на кредит|loan (?:in|on|under) my name|сим-?карт\p{L}* (?:истекает|заканчивается|заблокир)|sim(?:-card| card)? (?:is )?expir|slujba bezopasnosti|sluzhba bezopasnosti")]
    private static partial Regex SecurityService();

    [GeneratedRegex(@"anydesk|teamviewer|rustdesk|удаленн\p{L}* доступ|віддален\p{L}* доступ|remote access|\bapk\b")]
    private static partial Regex RemoteAccess();

    [GeneratedRegex(@"невостребованн\p{L}* подарк|незатребуван\p{L}* подарунк|unclaimed (?:new year )?gifts|leftover gifts|для своих|для сотрудников|для співробітників|for insiders|for employees|nevostrebovann")]
    private static partial Regex UnclaimedGifts();

    [GeneratedRegex(@"оплат\p{L}* (?:за )?хранени|продл\p{L}* хранени|оплат\p{L}* (?:за )?зберігання|storage fee|pay (?:for )?storage|redelivery fee|повторн\p{L}* доставк|пошлин|мит[оа] за посилк|customs duty|held at customs")]
    private static partial Regex StorageFee();

    [GeneratedRegex(@"официальн|офіційн|official|настоящ\p{L}* магазин|справжн\p{L}* магазин|\bis [\p{L}\p{N}\-.]+ (?:really )?your\b|это ваш\b|це ваш\b|правда вы|правда ви|справді ви|точно вы|точно ви|really you|really from you|really your|это вы\b|це ви\b|eto vy|это правда|це правда|фейк|\bfake\b|подделк|підробк|отличить|відрізнити|tell your|убедиться|переконатися|проверить, что|проверить что|перевірити, що|перевірити що|check that|know the|how do i know|pretending|от вашего имени|від вашого імені|in your name|представил\p{L}* вашим|вы звонили|ви дзвонили|did you call|did your staff|вы мне звонили|ви мені дзвонили|you call customers|звоните клиентам|дзвоните клієнтам")]
    private static partial Regex VerifyWord();

    [GeneratedRegex(@"звон|звоните|пиш|письм|сообщени|рассылк|номер|аккаунт|акаунт|\bбот|канал|сайт|сотрудник|менеджер|дзвін|дзвон|повідомлен|\bлист|співробітник|call|messag|number|account|\bbot|channel|site|email|text|staff|employee|caller|store|shop|магазин|telegram|телеграм|viber|вайбер|whatsapp|вотсап|инстаграм|instagram|zvonil|nomer")]
    private static partial Regex ContactChannel();

    [GeneratedRegex(@"(?:\bне|\bні|\bnot|n't|\bnever|\bникогда|\bніколи|\bne)\s+(?:\p{L}+\s+)?$")]
    private static partial Regex Negation();

    [GeneratedRegex(@"(?:^|\s)(?:не|ні|not|never|ne)\s")]
    private static partial Regex InnerNegation();

    [GeneratedRegex(@"\b(?:(?:продиктовал|назвал|сказал|сообщил|отправил|переслал|ввел|дал|отдал)а?|продиктував|продиктувала|назвав|назвала|сказав|сказала|повідомив|повідомила|надіслав|надіслала|ввів|ввела|віддав|віддала|дав|дала|(?:prodiktoval|nazval|skazal|soobshil|vvel|otdal)a?)\s+(?:(?:им|ему|ей|курьеру|оператору|мошенникам|мошеннику|звонившему|девушке|мужчине|сотруднику|менеджеру|по телефону|этот|тот|свой|весь|все|эти|те|уже|їм|йому|кур'єру|шахраям|менеджеру|цей|свій|вже|im|emu)\s+){0,2}(?:код\p{L}*|kod|пароль|cvv|cvc|пин|pin|цифры|цифри|данные карты|данные своей карты|данные от карты|дані картки|дані своєї картки|номер карты|номер своей карты|номер картки|реквизиты|реквізити|карту|картку|kartu|dannye karty)")]
    private static partial Regex GaveSecret();

    [GeneratedRegex(@"\b(?:код|kod|пароль|cvv|cvc|данные карты|дані картки)\p{L}*(?:\s+(?:из|з|iz)\s+\p{L}+)?\s+(?:(?:я|уже|им|ему|ей|їм|йому|вже|ya)\s+){0,3}(?:(?:продиктовал|назвал|сказал|сообщил|отправил|переслал|ввел|дал|отдал)а?|продиктував|продиктувала|назвав|назвала|сказав|сказала|повідомив|повідомила|надіслав|надіслала|ввів|ввела|віддав|віддала|дав|дала|(?:prodiktoval|nazval|skazal|soobshil|vvel|otdal)a?)\b")]
    private static partial Regex SecretGiven();

    [GeneratedRegex(@"\b(?:его|ее|их|його|її|їх)\s+(?:уже\s+|вже\s+)?(?:продиктовал|продиктував|продиктувал)\p{L}*|\b(?:продиктовал|продиктував|продиктувал)\p{L}*\s+(?:уже\s+|вже\s+)?(?:его|ее|их|його|її|їх)\b|\b(?:i|we)\s+(?:already\s+|just\s+)?(?:dictated|read out|gave away)\s+(?:it|them)\b")]
    private static partial Regex DictatedIt();

    [GeneratedRegex(@"\b(?:меня|нас|мене|нас)\s+(?:\p{L}+\s+)?(?:обманули|развели|ограбили|кинули|обокрали|ошукали|обдурили|обікрали|розвели)\b|\bmenya\s+(?:obmanuli|razveli|ograbili)\b|\bi(?:'ve| have)?\s+(?:been|was|got)\s+(?:scammed|robbed|defrauded|tricked|conned)\b|\b(?:i|we)\s+(?:already\s+|just\s+)?(?:gave|told|sent|shared|dictated|read out|provided|entered|typed)\s+(?:\p{L}+\s+){0,3}?(?:code|cvv|cvc|pin|password|card)")]
    private static partial Regex Robbed();

    [GeneratedRegex(@"\b(?:перевел|перевела|перевод|положил|положила|отправил|отправила|переказав|переказала|переказ|transferred|moved|sent)\b.{0,40}\b(?:безопасн|захищен|безпечн|защищенн|резервн|safe account|secure account)")]
    private static partial Regex SafeAccountTransfer();

    [GeneratedRegex(@"\b(?:списали|сняли|украли|ушли|пропали|исчезли|обнулили|увели|вывели|похитили|списалось|списались|списано|списали|зняли|вкрали|зникли|пропали|spisali|snyali|ukrali|propali)\s+(?:\p{L}+\s+){0,3}?(?:деньги|денег|средства|бонусы|баллы|сбережения|гроші|кошти|бонуси|бали|dengi|bonusy|\d+)")]
    private static partial Regex MoneyGone();

    [GeneratedRegex(@"\b(?:деньги|денег|средства|бонусы|баллы|гроші|кошти|бонуси|бали|dengi|money|funds|bonus(?:es)?|points|savings)\s+(?:\p{L}+\s+){0,3}?(?:пропали|исчезли|списали|ушли|сняли|списаны|украли|обнулились|зникли|пропали|списали|зняли|вкрали|was taken|were taken|was stolen|were stolen|are gone|is gone|were gone|was gone|gone|disappeared|withdrawn|debited|missing)\b|\b(?:charged|took|stole|withdrew|emptied|debited)\s+(?:my|me)\b|\bmoney\s+(?:\p{L}+\s+){0,2}?(?:taken|stolen|gone)")]
    private static partial Regex MoneyGoneReversed();

    [GeneratedRegex(@"звон|позвон|ссылк|код|kod|мошен|обман|развел|сайт|приложен|перев[её]л|карт|безопасн|курьер|дзвін|дзвон|посилан|шахра|картк|call|link|code|scam|fraud|app\b|card|site|after|после|після|posle|zvon|ssylk")]
    private static partial Regex ScamContext();

    [GeneratedRegex(@"(?:\bкод\b|\bкода\b|\bкоду\b|\bкодом\b|\bkod\b|\bcvv|\bcvc|пароль|\bпин\b|\bpin\b|три цифры|три цифри|срок действия|термін дії|номер карты|номер карточки|номер картки|данные карты|данные банковской|дані картки|реквизиты карты|реквізити картки|фото карты|фото картки|цифры из смс|цифры из sms|цифри з смс|\bcode\b|one-time|otp\b|password|card number|card details|expiry|expiration|photo of both sides|nomer karty|digits on the back|3 digits|three digits)")]
    private static partial Regex SecretNoun();

    [GeneratedRegex(@"(?:просят|просит|просил|попросил|попросила|попросили|требуют|требует|требовал|спрашивают|спрашивает|спросил|спросила|хотят|хочет|нужен|нужно назвать|нужно ли|надо ли|надо назвать|нужно сообщ|надо сообщ|можно ли говорить|нужно называть|назвать|продиктовать|продиктуйте|говорит назвать|просять|просив|попросив|попросила|вимагають|вимагає|питають|питає|треба|чи треба|потрібен|назвати|продиктувати|asked|asking|asks|ask for|wants|want me|wanted|need my|needs my|needs a|need the|should i give|should i tell|to tell|to give|read it out|prosyat|prosit|sprashivayut|без (?:кода|коду|пароля)|without (?:the |a |my )?(?:code|pin|password))")]
    private static partial Regex RequestVerb();

    [GeneratedRegex(@"(?:оператор|живо\p{L}* (?:человек|сотрудник|людин)|с человеком|человека\b|чоловік|з людиною|людину|людиною|жива людина|менеджер|консультант|специалист|спеціаліст|поддержк|підтримк|\bhuman\b|real person|live agent|\bagent\b|representative|\bperson\b|talk to someone|speak to someone|\boperator|\bchelovek|\boperatora)")]
    private static partial Regex HumanNoun();

    [GeneratedRegex(@"(?:позов|позвать|позвони|соедин|свяж|переключ|переведи|переведите|дайте|дай\b|давай|хочу|нужен|нужна|нужно|можно|есть\?|есть ли|покличте|поклич|з'єднайте|з'єднай|переведіть|потрібен|потрібна|хочу|можна|talk|speak|connect|transfer|get me|put me|need|want|let me|is there|can i|i'd like|please|pls|plz|пожалуйста|будь ласка|dayte|soedinite|hochu|nuzhen)")]
    private static partial Regex HumanAsk();

    [GeneratedRegex(@"(?:звонил|звонят|звонит|позвонил|представил|дзвонив|дзвонили|дзвонить|called|calling|call from|zvonil|говорит|сказал|каже|says|said|спрашивает|спросил|просит|просил|питає|питають|просить|просять|вимагає|хоче|хочет|пишет|пише|пишут|пишуть|writes|texting|messaging|asks|asked|asking|wants)")]
    private static partial Regex CallerWords();

    [GeneratedRegex(@"(?:\bтест\p{L}*|\bквиз|викторин|вікторин|\bquiz|магазин или мошенник|магазин чи шахрай|shop or scam|store or scam|\bигр[ауы]\b|\bсыграть|\bсыграем|\bпоиграем|\bгр[аиу]\b|\bзіграти|\bgame\b|\bplay\b|\bviktorin|\btest\b|проверь меня|перевір мене|проверить себя|проверю себя|перевірити себе|отличу ли|відрізню|test me|test myself|check myself)")]
    private static partial Regex QuizWord();

    [GeneratedRegex(@"(?:звонил|позвонил|дзвонив|дзвонили|called|просят|просить|просять|списали|ссылк|посилан|link|код\b|cvv)")]
    private static partial Regex ScamStory();

    [GeneratedRegex(@"^(?:привет\p{L}*|здравствуй\p{L}*|здрасте|добрый (?:день|вечер|утро)|доброе утро|добрий (?:день|вечір|ранок)|доброго дня|привіт|вітаю|hi|hello|hey|hello there|good (?:morning|afternoon|evening)|спасибо\p{L}*|благодарю|дякую\p{L}*|thanks?|thank you|thx|ок|окей|ok|okay|хорошо|понятно|ясно|зрозуміло|добре|пока|до свидания|бувай\p{L}*|до побачення|bye|goodbye|privet|spasibo|да|нет|так|ні|yes|no|ага|угу)(?:[\s,!.)]+(?:спасибо|дякую|thanks|thank you|большое|большое спасибо|все понятно|всё понятно|все зрозуміло|so much|a lot|cool|great|за помощь|за допомогу|for the help))*[\s!.)]*$")]
    private static partial Regex SmallTalk();
    [GeneratedRegex(@"^\s*(?:сообщение|повідомлення|message|msg)\s*(?:номер|№|#|no\.?|number|nr\.?)?\s*\d{1,3}\b[\s:.)\-–—…]*", RegexOptions.IgnoreCase)]
    private static partial Regex MessageNumber();

    [GeneratedRegex(@"(?:курьер|кур'єр|доставщик|водител|водій|courier|driver|delivery (?:guy|man|person))\p{L}*[\s,?]+(?:[\p{L}\p{N}]+[\s,?]+){0,5}?(?:его все нет|все нет|до сих пор нет|його досі немає|досі немає|все ще немає|no sign|опаздыва|задержива|запаздыва|не приехал|не пришел|не доехал|до сих пор|еще не|все еще не|так и не|запізню|спізню|затримує|не приїхав|досі|ще не|is late|was late|running late|late\b|delayed|hasn't (?:arrived|come|shown)|has not (?:arrived|come)|not here|still not|didn't (?:come|show|arrive)|never (?:came|showed))|(?:где|де|where(?:'s| is)?)\s+(?:\p{L}+\s+){0,2}?(?:курьер|кур'єр|courier|driver)|(?:опаздыва|задержива|запізню|спізню|затриму)\p{L}*\s+(?:\p{L}+\s+)?(?:курьер|кур'єр|доставк)|(?:заказ|доставк|посылк|замовлен|посилк|order|delivery|parcel|package)\p{L}*\s+(?:\p{L}+\s+){0,2}?(?:опаздыва|задержива|запізню|затриму|is (?:running )?late|delayed)")]
    private static partial Regex LateDelivery();

    [GeneratedRegex(@"\bслот\p{L}*|(?:интервал|окн|врем|дат|інтервал|вікн|час)\p{L}* доставк|(?:delivery|time) (?:slot|window)|delivery (?:time|date)")]
    private static partial Regex DeliverySlot();

    [GeneratedRegex(@"(?:не пришл\p{L}*|не приходит|не приходят|не приходило|не получил\p{L}*|не было|нет ни|не прийшл\p{L}*|не приходить|не отримал\p{L}*|не отримав|не надійшл\p{L}*|немає|didn't (?:get|receive)|did not (?:get|receive)|haven't (?:got|gotten|received)|have not (?:got|gotten|received)|never (?:got|received)|not getting|no)\s+(?:\p{L}+\s+){0,3}?(?:уведомлен|оповещен|смс|sms|сообщен|письм|пуш|сповіщен|повідомлен|лист|notification|text|message|e-?mail|push|alert|confirmation|подтвержден|підтвердженн)|(?:уведомлен|оповещен|смс|sms|сообщен|письм|сповіщен|повідомлен|notification|text|message|e-?mail|alert)\p{L}*\s+(?:\p{L}+\s+){0,5}?(?:не пришл|не приходит|не прийшл|не надійшл|не приходить|didn't (?:come|arrive)|never (?:came|arrived)|not received|hasn't (?:come|arrived))")]
    private static partial Regex MissingNotification();

    [GeneratedRegex(@"заказ|доставк|посылк|курьер|замовлен|посилк|кур'єр|\border|deliver|parcel|package|shipment|courier|zakaz")]
    private static partial Regex OrderWord();

    [GeneratedRegex(@"(?:дважды|двічі|два раза|два рази|двойн|подвійн|повторно|twice|two times|double|duplicate)\s+(?:\p{L}+\s+){0,3}?(?:списа|сня|спис|зня|знят|оплат|сплат|charg|bill|debit|paid|payment|taken)|(?:списали|сняли|зняли|списалось|списалися|charged|billed|debited|took|taken|withdrawn|deducted)\s+(?:\p{L}+\s+){0,4}?(?:дважды|двічі|два раза|два рази|twice|two times|double)")]
    private static partial Regex DoubleCharge();

    [GeneratedRegex(@"(?:просят|просит|просил\p{L}*|попросил\p{L}*|требу\p{L}*|нужно|надо|просять|просив|попросив|вимага\p{L}*|треба|потрібно|asks?|asked|asking|wants?|need|have to|must)\s+(?:\p{L}+\s+){0,2}?(?:(?:до|пред|с)?оплат|заплат|(?:до|с)?плат|перев|pay|send money)|(?:до|пред|перед)оплат|оплатите|оплатіть|доплатите|заплатите|сплатіть|переведите|переведіть|перевести|перевел|перевела|перевод|переказ|\bpay (?:for|the|a|by)\b|transfer|prepay|send (?:the )?money|скин\p{L}* (?:\p{L}+ )?(?:деньги|денег|гроші|на карт|на телефон|на номер)|закин\p{L}*|кинути гроші|пополн\p{L}*|поповн\p{L}*|top up|залог|застав|депозит|deposit|комисси|комісі|\bсбор|\bfee\b")]
    private static partial Regex PaymentRequest();

    [GeneratedRegex(@"^(?:(?:(?:мне|мені|нам|мене)\s+)?(?:(?:только что|сейчас|тут|щойно|зараз|вчера|вчора)\s+)?(?:позвонили|звонили|подзвонили|дзвонили|набрали)(?:\s+(?:мне|мені|нам))?|(?:someone|somebody|they|a man|a woman)\s+(?:just\s+)?called(?:\s+me)?|i\s+(?:just\s+)?got\s+a\s+(?:phone\s+)?call)[\s.!?,]*$")]
    private static partial Regex BareCallReport();

    [GeneratedRegex(@"звонил|звонят|звонит|позвонил|звонок|звонк|дзвонил|дзвонять|подзвонил|дзвінок|дзвонив|called|calling|call from|phone call|пишут|написали|пишуть|wrote to me|texted me")]
    private static partial Regex SomeoneGotInTouch();

    [GeneratedRegex(@"ссылк|посилан|\blinks?\b|\burl\b|https?://|www\.|\b[\p{L}\p{N}\-]+\.(?:ru|com|net|org|shop|online|site|store|ua|top|xyz|info|рф)\b|перейти по|перейдите|перейдіть|click|кликн|нажмите на|натисніть на|приложени|застосун|додаток|додатк|\bapps?\b|скача|установ|завантаж|встанов|install|download")]
    private static partial Regex LinkOrApp();

    [GeneratedRegex(@"мошен|шахра|scam|fraud|обман|развел|развод|ошук|ограб|обокр|украл|вкрал|robbed|stole|выигр|виграл|виграш|\bприз|prize|\bwon\b|lottery|розыгр|розіграш|лотере|подар|gift|бонус|bonus")]
    private static partial Regex ScamWord();
}
