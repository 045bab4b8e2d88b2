using System.Text.RegularExpressions;
using Inbox.Chatbot.Text;
using Inbox.Orders;

namespace Inbox.Chatbot.Safety;

/// <summary>
/// Checks what the bot is about to say: it must never ask the customer for a one-time code, CVV, PIN, password or card data
/// (warnings such as "never share the code" are fine), and it must never state an order status the order system did not give.
/// </summary>
public static partial class ReplyGuard
{
    /// <summary>Status words in Russian, Ukrainian and English that state where an order is.</summary>
    public static IReadOnlyList<string> GenericStatusWords { get; } =
    [
        "доставлен", "доставлено", "в пути", "отправлен", "передан в доставку", "передан курьеру", "передан в службу доставки",
        "готов к выдаче", "готов к получению", "ожидает получения", "ожидает выдачи", "собран", "комплектуется", "в сборке",
        "отменен", "выполнен", "в обработке", "подтвержден", "прибыл", "вручен", "в пункте выдачи", "задержан",
        "в дорозі", "відправлено", "передано", "готове до видачі", "готовий до видачі", "очікує", "зібрано", "скасовано",
        "виконано", "в обробці", "підтверджено", "прибуло", "вручено",
        "shipped", "delivered", "in transit", "out for delivery", "ready for pickup", "ready for collection", "dispatched",
        "cancelled", "canceled", "processing", "on its way", "on the way", "being prepared", "packed", "completed",
        "awaiting pickup", "arrived",
    ];

    /// <summary>True when the text asks the customer for a code, CVV, PIN, password or card data.</summary>
    public static bool AsksForSecrets(string? reply)
    {
        var text = TextNormalizer.Basic(reply);
        if (text.Length == 0)
        {
            return false;
        }

        foreach (var regex in new[] { SecretRequest(), SecretNeed(), SecretQuestion() })
        {
            foreach (Match match in regex.Matches(text))
            {
                var start = Math.Max(0, match.Index - 14);
                var before = text[start..match.Index];
                if (Negation().IsMatch(before) || Infinitive().IsMatch(before))
                {
                    continue;
                }

                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The status words (generic ones and the order system's own status names) the reply uses that the ground text
    /// (what the order tools returned, plus the customer's own message) does not contain. Empty when the reply is grounded.
    /// </summary>
    public static IReadOnlyList<string> UngroundedStatusWords(string? reply, string groundText, IEnumerable<string> statusNames)
    {
        ArgumentNullException.ThrowIfNull(groundText);
        ArgumentNullException.ThrowIfNull(statusNames);
        var text = TextNormalizer.Basic(reply);
        var ground = TextNormalizer.Basic(groundText);
        var result = new List<string>();
        foreach (var word in GenericStatusWords.Concat(statusNames.Select(TextNormalizer.Basic)).Where(w => w.Length > 2).Distinct(StringComparer.Ordinal))
        {
            if (ContainsPhrase(text, word) && !ground.Contains(word, StringComparison.Ordinal))
            {
                result.Add(word);
            }
        }

        return result;
    }

    private static bool ContainsPhrase(string text, string phrase)
    {
        var index = text.IndexOf(phrase, StringComparison.Ordinal);
        while (index >= 0)
        {
            var startOk = index == 0 || !char.IsLetter(text[index - 1]);
            if (startOk)
            {
                return true;
            }

            index = text.IndexOf(phrase, index + 1, StringComparison.Ordinal);
        }

        return false;
    }

    private const string SecretNouns = @"(?:\bкод\p{L}*|смс-код|sms-код|\bcvv2?|\bcvc2?|пин-код|\bпин\b|\bpin\b|парол\p{L}*|номер\p{L}* (?:вашей |своей |банковской )?карт\p{L}*|данн\p{L}* (?:вашей |своей |банковской )?карт\p{L}*|реквизит\p{L}* (?:вашей )?карт\p{L}*|срок\p{L}* действия|три цифры|дан\p{L}* (?:вашої |своєї )?картк\p{L}*|номер\p{L}* (?:вашої )?картк\p{L}*|термін\p{L}* дії|три цифри|\bcode\b|\bcodes\b|password|card number|card details|card data|expiry|expiration|security code|one-time|\botp\b)";

    [GeneratedRegex(@"\b(?:назовите|назови|продиктуйте|продиктуй|сообщите|сообщи|скажите|скажи|напишите|напиши|пришлите|пришли|отправьте|отправь|введите|введи|укажите|укажи|предоставьте|предоставь|подтвердите|подтверди|сообщайте|называйте|говорите|диктуйте|вводите|отправляйте|присылайте|назвіть|назви|продиктуйте|повідомте|повідом|скажіть|напишіть|надішліть|надішли|відправте|введіть|вкажіть|надайте|підтвердіть|повідомляйте|називайте|send|tell|give|provide|share|enter|type|read|confirm|dictate|let me know|could you give|can you give)\b[\s,]+(?:\p{L}+[\s,]+){0,3}?" + SecretNouns)]
    private static partial Regex SecretRequest();

    [GeneratedRegex(@"\b(?:мне нужен|мне нужны|мне нужно|нам нужен|нам нужны|нам нужно|нужен ваш|нужны ваши|нужно назвать|нужно сообщить|понадобится ваш|требуется ваш|мені потрібен|мені потрібні|мені потрібно|нам потрібен|нам потрібно|потрібен ваш|потрібно назвати|i need|we need|i'll need|we'll need|i will need|we will need|need your|needs your|requires your|require your)\b[\s,]+(?:\p{L}+[\s,]+){0,5}?" + SecretNouns)]
    private static partial Regex SecretNeed();

    [GeneratedRegex(@"\b(?:какой|какие|який|які|what|which|what's)\s+(?:\p{L}+\s+)?(?:код\p{L}*|цифры|цифри|пароль|cvv|cvc|code|digits|password|pin)\b")]
    private static partial Regex SecretQuestion();

    [GeneratedRegex(@"(?:\bне|\bні|\bникогда|\bникому|\bніколи|\bнікому|\bnever|\bdon't|\bdo not|\bnot|\bnobody|\bno one|\bни в коем случае|\bзачем)\s+(?:\p{L}+\s+)?$")]
    private static partial Regex Negation();

    [GeneratedRegex(@"\bto\s+$")]
    private static partial Regex Infinitive();
}
