namespace Inbox.Chatbot.Local;

/// <summary>The playbook's safe advice for each scam, in Russian, Ukrainian and English.</summary>
public static class FraudAdvice
{
    /// <summary>The advice for a fraud sub-intent (the code-request advice for an unknown one).</summary>
    public static string For(string? subIntent, string language) => subIntent switch
    {
        Intents.FraudFakeCourier => BotTexts.Pick(
            language,
            "Похоже на мошенников под видом курьера. Настоящему курьеру не нужны коды, а за хранение и повторную доставку не платят по ссылке из SMS. Проверяйте заказ только в официальном приложении или личном кабинете, по ссылкам из SMS не переходите.",
            "Схоже на шахраїв під виглядом кур'єра. Справжньому кур'єру не потрібні коди, а за зберігання й повторну доставку не платять за посиланням з SMS. Перевіряйте замовлення лише в офіційному застосунку чи особистому кабінеті, за посиланнями з SMS не переходьте.",
            "This looks like scammers posing as a courier. A real courier never needs a code, and storage or re-delivery is never paid through a link in an SMS. Check your order only in the official app or your account, and don't follow links from SMS."),
        Intents.FraudFakeRefund => BotTexts.Pick(
            language,
            "Это похоже на мошенничество с «возвратом». Деньги за заказ возвращаются на карту, с которой платили, — магазину не нужны CVV и коды. Не переводите «ошибочные» деньги сами: позвоните в свой банк по номеру с обратной стороны карты.",
            "Це схоже на шахрайство з «поверненням». Гроші за замовлення повертаються на картку, з якої платили, — магазину не потрібні CVV і коди. Не переказуйте «помилкові» гроші самі: зателефонуйте до свого банку за номером зі зворотного боку картки.",
            "This looks like a refund scam. Refunds go back to the card you paid with — the store never needs your CVV or any code. Don't send \"mistaken\" money back yourself: call your bank on the number on the back of your card."),
        Intents.FraudFakePrizePromo => BotTexts.Pick(
            language,
            "Это похоже на фальшивую акцию. Наши акции и розыгрыши публикуются только на официальном сайте и в официальных аккаунтах, и мы никогда не берём плату за приз или «бронь для своих».",
            "Це схоже на фальшиву акцію. Наші акції та розіграші публікуються лише на офіційному сайті та в офіційних акаунтах, і ми ніколи не беремо плату за приз чи «бронь для своїх».",
            "This looks like a fake promotion. Our promotions and giveaways are published only on the official website and official accounts, and we never charge for a prize or an \"insider\" reservation."),
        Intents.FraudAccountHacked => BotTexts.Pick(
            language,
            "Это типичный сценарий мошенников: «служба безопасности», «взлом», «на вас оформлен заказ или кредит». Положите трубку. Сами войдите в приложение или личный кабинет и смените пароль. Отмену чего-либо начинаете только вы сами.",
            "Це типовий сценарій шахраїв: «служба безпеки», «злам», «на вас оформлено замовлення чи кредит». Покладіть слухавку. Самі увійдіть у застосунок чи особистий кабінет і змініть пароль. Скасування будь-чого починаєте лише ви самі.",
            "This is a typical scam script: \"security service\", \"your account was hacked\", \"an order or a loan in your name\". Hang up. Log in to the app or your account yourself and change your password. Only you start any cancellation."),
        Intents.FraudCardData => BotTexts.Pick(
            language,
            "Не называйте данные карты. Магазин никогда не спрашивает полный номер карты, срок действия и CVV по телефону или в чате. Положите трубку.",
            "Не називайте дані картки. Магазин ніколи не питає повний номер картки, термін дії та CVV телефоном чи в чаті. Покладіть слухавку.",
            "Don't give out your card details. The store never asks for the full card number, expiry date or CVV by phone or in chat. Hang up."),
        Intents.FraudRemoteAppOrLink => BotTexts.Pick(
            language,
            "Не устанавливайте приложения по чужой просьбе (особенно для «защиты» или удалённого доступа) и не вводите данные на сайтах из ссылок. Адрес нашего сайта набирайте сами, а приложение скачивайте только из официального магазина приложений.",
            "Не встановлюйте застосунки на чуже прохання (особливо для «захисту» чи віддаленого доступу) і не вводьте дані на сайтах із посилань. Адресу нашого сайту набирайте самі, а застосунок завантажуйте лише з офіційного магазину застосунків.",
            "Don't install apps because someone asks you to (especially \"protection\" or remote-access apps) and don't enter details on sites from links. Type our website address yourself and get our app only from the official app store."),
        Intents.FraudVerifyCall => BotTexts.Pick(
            language,
            "Проверить просто: положите трубку и сами перезвоните по номеру с официального сайта или из приложения. Сообщениям от «нас» в мессенджерах верьте только в официальных аккаунтах, ссылки на которые есть на сайте.",
            "Перевірити просто: покладіть слухавку і самі передзвоніть за номером з офіційного сайту чи застосунку. Повідомленням від «нас» у месенджерах вірте лише в офіційних акаунтах, посилання на які є на сайті.",
            "It's easy to check: hang up and call back yourself on the number from the official website or app. Trust messages from \"us\" only from the official accounts linked on our website."),
        Intents.FraudAlreadyVictim => BotTexts.Pick(
            language,
            "Действуйте сейчас: 1) позвоните в свой банк по номеру с обратной стороны карты и заблокируйте карту; 2) смените пароли от банка, почты и личного кабинета; 3) проверьте сеансы на Госуслугах (Профиль → Безопасность), горячая линия Госуслуг 8-800-100-70-10; 4) обратитесь в полицию — 102.",
            "Дійте зараз: 1) зателефонуйте до свого банку за номером зі зворотного боку картки і заблокуйте картку; 2) змініть паролі від банку, пошти та особистого кабінету; 3) перевірте активні сеанси в державних сервісах; 4) зверніться до поліції — 102.",
            "Act now: 1) call your bank on the number on the back of your card and block the card; 2) change your bank, email and account passwords; 3) check the active sessions in your Gosuslugi account (Profile → Security; hotline 8-800-100-70-10); 4) report it to the police — 102."),
        _ => BotTexts.Pick(
            language,
            "Это мошенники. Никому не сообщайте коды из SMS и push-уведомлений — магазин их никогда не просит. Положите трубку.",
            "Це шахраї. Нікому не повідомляйте коди з SMS і push-сповіщень — магазин їх ніколи не просить. Покладіть слухавку.",
            "These are scammers. Never share SMS or push codes with anyone — the store never asks for them. Hang up."),
    };
}
