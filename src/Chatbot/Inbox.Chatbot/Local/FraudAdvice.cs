using System.Globalization;
using Inbox.Chatbot.Fraud;

namespace Inbox.Chatbot.Local;

/// <summary>
/// The playbook's safe advice for each scam, in Russian, Ukrainian and English (texts in <c>Local/Texts/bot.*.json</c>,
/// keys <c>fraud.&lt;sub-intent&gt;</c> and <c>victim.*</c>). The victim's advice names the numbers of the customer's country.
/// </summary>
public static class FraudAdvice
{
    /// <summary>
    /// The advice for a fraud sub-intent (the code-request advice for an unknown one). For <see cref="Intents.FraudAlreadyVictim"/>
    /// it names the police, bank line, government services and fraud line of <paramref name="contacts"/>; without contacts
    /// (a region nobody configured) it names no country's numbers.
    /// </summary>
    public static string For(string? subIntent, string language, RegionFraudContacts? contacts = null) => subIntent switch
    {
        Intents.FraudAlreadyVictim => Victim(language, contacts),
        Intents.FraudFakeCourier or Intents.FraudFakeRefund or Intents.FraudFakePrizePromo or Intents.FraudAccountHacked or
            Intents.FraudCardData or Intents.FraudRemoteAppOrLink or Intents.FraudVerifyCall => BotTextCatalog.Text(language, "fraud." + subIntent),
        _ => BotTextCatalog.Text(language, "fraud." + Intents.FraudCodeRequest),
    };

    private static string Victim(string language, RegionFraudContacts? contacts)
    {
        var steps = new List<string>
        {
            contacts?.BankLine is { } bankLine
                ? BotTextCatalog.Format(language, "victim.bank_line", ("bank_line", bankLine))
                : BotTextCatalog.Text(language, "victim.bank"),
            BotTextCatalog.Text(language, "victim.passwords"),
            Sessions(language, contacts?.GovernmentServices),
            contacts?.Police is { } police
                ? BotTextCatalog.Format(language, "victim.police", ("police", police))
                : BotTextCatalog.Text(language, "victim.police_generic"),
        };
        if (contacts?.FraudLine is { Contact: { } contact } line)
        {
            steps.Add(BotTextCatalog.Format(language, "victim.fraud_line", ("line", FraudContactsOptions.NameIn(line.Name, language) ?? string.Empty), ("contact", contact)));
        }

        var numbered = steps.Select((step, i) => string.Create(CultureInfo.InvariantCulture, $"{i + 1}) {step}"));
        return BotTextCatalog.Text(language, "victim.act_now") + " " + string.Join("; ", numbered) + ".";
    }

    private static string Sessions(string language, GovernmentServicesContact? government)
    {
        if (government is null || FraudContactsOptions.NameIn(government.Name, language) is not { } service)
        {
            return BotTextCatalog.Text(language, "victim.sessions");
        }

        var step = FraudContactsOptions.NameIn(government.SessionsPath, language) is { } path
            ? BotTextCatalog.Format(language, "victim.government_path", ("service", service), ("path", path))
            : BotTextCatalog.Format(language, "victim.government", ("service", service));
        return government.Hotline is { } hotline
            ? step + ", " + BotTextCatalog.Format(language, "victim.hotline", ("hotline", hotline))
            : step;
    }
}
