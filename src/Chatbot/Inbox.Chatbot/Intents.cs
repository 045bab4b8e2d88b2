namespace Inbox.Chatbot;

/// <summary>The intents and sub-intents the bot decides, as they appear in decisions and labels.</summary>
public static class Intents
{
    public const string OrderStatus = "order_status";
    public const string Fraud = "fraud";
    public const string Human = "human";
    public const string Other = "other";

    /// <summary>Sub-intent of <see cref="Other"/>: the customer wants the "shop or scammer?" quiz.</summary>
    public const string Quiz = "quiz";

    public const string FraudCodeRequest = "fraud_code_request";
    public const string FraudFakeCourier = "fraud_fake_courier";
    public const string FraudFakeRefund = "fraud_fake_refund";
    public const string FraudFakePrizePromo = "fraud_fake_prize_promo";
    public const string FraudAccountHacked = "fraud_account_hacked";
    public const string FraudCardData = "fraud_card_data";
    public const string FraudRemoteAppOrLink = "fraud_remote_app_or_link";
    public const string FraudVerifyCall = "fraud_verify_call";
    public const string FraudAlreadyVictim = "fraud_already_victim";

    /// <summary>The four top-level intents.</summary>
    public static IReadOnlyList<string> TopLevel { get; } = [OrderStatus, Fraud, Human, Other];

    /// <summary>The fraud sub-intents of the playbook.</summary>
    public static IReadOnlyList<string> FraudSubIntents { get; } =
    [
        FraudCodeRequest, FraudFakeCourier, FraudFakeRefund, FraudFakePrizePromo, FraudAccountHacked,
        FraudCardData, FraudRemoteAppOrLink, FraudVerifyCall, FraudAlreadyVictim,
    ];

    /// <summary>Maps a data-set label (<c>fraud_code_request</c>, <c>quiz</c>, <c>order_status</c>...) to its top-level intent.</summary>
    public static string ToTopLevel(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        if (label == Fraud || label.StartsWith("fraud_", StringComparison.Ordinal))
        {
            return Fraud;
        }

        return label switch
        {
            OrderStatus => OrderStatus,
            Human => Human,
            Quiz => Other,
            _ => Other,
        };
    }

    /// <summary>The sub-intent a data-set label carries, or null.</summary>
    public static string? ToSubIntent(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        return label.StartsWith("fraud_", StringComparison.Ordinal) || label == Quiz ? label : null;
    }
}
