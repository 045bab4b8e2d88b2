namespace Inbox.Connectors.Twilio.Tests.Infrastructure;

/// <summary>Webhook bodies shaped like Twilio's (channels.md §3), made up.</summary>
public static class TwilioSamples
{
    public const string MessagesPath = "/webhooks/twilio/messages";
    public const string StatusPath = "/webhooks/twilio/status";
    public const string Phone = "+79123456789";

    public static List<KeyValuePair<string, string>> WhatsApp(string messageSid = "SM0123456789abcdef0123456789abcdef", string body = "Где мой заказ?") =>
    [
        new("MessageSid", messageSid),
        new("SmsMessageSid", messageSid),
        new("SmsSid", messageSid),
        new("AccountSid", FakeTwilioServer.AccountSid),
        new("MessagingServiceSid", "MG0123456789abcdef0123456789abcdef"),
        new("From", "whatsapp:" + Phone),
        new("To", "whatsapp:+15005550006"),
        new("Body", body),
        new("NumMedia", "0"),
        new("NumSegments", "1"),
        new("ProfileName", "Иван"),
        new("WaId", "79123456789"),
        new("SmsStatus", "received"),
        new("ApiVersion", "2010-04-01"),
    ];

    public static List<KeyValuePair<string, string>> Sms(string messageSid = "SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", string from = Phone, string body = "Заказ 1048576") =>
    [
        new("MessageSid", messageSid),
        new("SmsMessageSid", messageSid),
        new("SmsSid", messageSid),
        new("AccountSid", FakeTwilioServer.AccountSid),
        new("From", from),
        new("To", "+15005550006"),
        new("Body", body),
        new("NumMedia", "0"),
        new("NumSegments", "1"),
        new("FromCountry", "RU"),
        new("SmsStatus", "received"),
        new("ApiVersion", "2010-04-01"),
    ];

    public static List<KeyValuePair<string, string>> Status(string messageSid, string status, string to = Phone, string? errorCode = null)
    {
        List<KeyValuePair<string, string>> form =
        [
            new("MessageSid", messageSid),
            new("SmsSid", messageSid),
            new("MessageStatus", status),
            new("SmsStatus", status),
            new("AccountSid", FakeTwilioServer.AccountSid),
            new("From", to.StartsWith("whatsapp:", StringComparison.Ordinal) ? "whatsapp:+15005550006" : "+15005550006"),
            new("To", to),
            new("ApiVersion", "2010-04-01"),
        ];
        if (errorCode is not null)
        {
            form.Add(new("ErrorCode", errorCode));
        }

        return form;
    }

    /// <summary>The list with <paramref name="name"/> set to <paramref name="value"/> (added when absent), or removed when null.</summary>
    public static List<KeyValuePair<string, string>> With(this IEnumerable<KeyValuePair<string, string>> form, string name, string? value)
    {
        var copy = form.Where(p => p.Key != name).ToList();
        if (value is not null)
        {
            copy.Add(new(name, value));
        }

        return copy;
    }
}
