using Inbox.Connectors.Twilio.Tests.Infrastructure;
using Inbox.Identity;

namespace Inbox.Connectors.Twilio.Tests;

public sealed class TwilioInboundConverterTests
{
    private readonly TwilioInboundConverter _converter = new(new PhoneNumberNormalizer("RU"));

    private static TwilioWebhookParameters Parameters(IEnumerable<KeyValuePair<string, string>> pairs) => new(pairs);

    [Fact]
    public void A_whatsapp_message_becomes_one_phone_identity_with_the_profile_name()
    {
        Assert.True(_converter.TryConvert(Parameters(TwilioSamples.WhatsApp()), out var message, out _, out _));

        Assert.Equal(ChannelNames.WhatsApp, message.Channel);
        Assert.Equal("SM0123456789abcdef0123456789abcdef", message.MessageSid);
        Assert.Equal(["phone:+79123456789"], message.From.Select(i => i.ToString())); // From and WaId are the same number
        Assert.Equal("Иван", message.SenderName);
        Assert.Equal("Где мой заказ?", message.Text);
        Assert.Empty(message.Media);
        Assert.Equal(0, message.DeclaredMediaCount);
    }

    [Fact]
    public void A_plain_number_is_sms_and_the_same_identity_as_whatsapp()
    {
        Assert.True(_converter.TryConvert(Parameters(TwilioSamples.Sms(from: "+79123456789")), out var sms, out _, out _));
        Assert.True(_converter.TryConvert(Parameters(TwilioSamples.WhatsApp()), out var whatsApp, out _, out _));

        Assert.Equal(ChannelNames.Sms, sms.Channel);
        Assert.Null(sms.SenderName);
        Assert.Equal(whatsApp.From[0], sms.From[0]);
    }

    [Fact]
    public void WaId_gets_its_plus_before_it_is_read()
    {
        // Read without "+", 380501234567 would be taken for a Russian number (+7380…).
        var parameters = TwilioSamples.WhatsApp().With("WaId", "380501234567");
        Assert.True(_converter.TryConvert(Parameters(parameters), out var message, out _, out _));
        Assert.Equal(["phone:+79123456789", "phone:+380501234567"], message.From.Select(i => i.ToString()));
    }

    [Theory]
    [InlineData("messenger:1234567890")]
    [InlineData("rcs:+79123456789")]
    [InlineData("sip:ivan@example.com")]
    [InlineData("client:ivan")]
    [InlineData("Whatsapp2:+79123456789")]
    public void Unknown_prefixes_are_refused_with_422(string from)
    {
        Assert.False(_converter.TryConvert(Parameters(TwilioSamples.Sms().With("From", from)), out var message, out var status, out var problem));
        Assert.Null(message);
        Assert.Equal(422, status);
        Assert.Contains("not handled", problem);
    }

    [Theory]
    [InlineData("anonymous")]
    [InlineData("Anonymous")]
    [InlineData("restricted")]
    [InlineData("+266696687")] // the classic "ANONYMOUS" placeholder digits: not a valid number
    [InlineData("12345")] // a short code
    [InlineData("MyShop")] // an alphanumeric sender
    [InlineData("whatsapp:")]
    public void Hidden_or_non_phone_senders_match_no_one_and_are_refused(string from)
    {
        var parameters = TwilioSamples.Sms().With("From", from);
        Assert.False(_converter.TryConvert(Parameters(parameters), out _, out var status, out var problem));
        Assert.Equal(422, status);
        Assert.Contains("hidden", problem);
    }

    [Theory]
    [InlineData("From")]
    [InlineData("MessageSid")]
    public void A_missing_sender_or_id_is_400(string field)
    {
        var parameters = TwilioSamples.Sms().With(field, null);
        if (field == "MessageSid")
        {
            parameters = parameters.With("SmsMessageSid", null).With("SmsSid", null);
        }

        Assert.False(_converter.TryConvert(Parameters(parameters), out _, out var status, out var problem));
        Assert.Equal(400, status);
        Assert.Contains(field, problem);
    }

    [Fact]
    public void Media_are_the_urls_present_whatever_NumMedia_says()
    {
        var parameters = TwilioSamples.WhatsApp(body: "")
            .With("NumMedia", "3")
            .With("MediaUrl2", "https://api.twilio.com/m/ME2").With("MediaContentType2", "image/png")
            .With("MediaUrl0", "https://api.twilio.com/m/ME0").With("MediaContentType0", "image/jpeg")
            .With("MediaUrl5", "not a url")
            .With("MediaUrlX", "https://api.twilio.com/m/MEX");

        Assert.True(_converter.TryConvert(Parameters(parameters), out var message, out _, out _));
        Assert.Equal(3, message.DeclaredMediaCount);
        Assert.Equal([0, 2], message.Media.Select(m => m.Index));
        Assert.Equal(["image/jpeg", "image/png"], message.Media.Select(m => m.ContentType));
        Assert.Equal("", message.Text);
    }

    [Fact]
    public void A_button_reply_and_a_location_become_text()
    {
        var button = TwilioSamples.WhatsApp(body: "").With("ButtonText", "Связаться с оператором").With("ButtonPayload", "operator");
        Assert.True(_converter.TryConvert(Parameters(button), out var pressed, out _, out _));
        Assert.Equal("Связаться с оператором", pressed.Text);

        var location = TwilioSamples.WhatsApp(body: "").With("Latitude", "55.7558").With("Longitude", "37.6173").With("Address", "Красная площадь");
        Assert.True(_converter.TryConvert(Parameters(location), out var shared, out _, out _));
        Assert.Equal("Location: Красная площадь (55.7558, 37.6173)", shared.Text);
    }

    [Fact]
    public void OptOutType_is_kept_for_sms_only()
    {
        Assert.True(_converter.TryConvert(Parameters(TwilioSamples.Sms(body: "STOP").With("OptOutType", "STOP")), out var sms, out _, out _));
        Assert.Equal("STOP", sms.OptOutType);
        Assert.True(_converter.TryConvert(Parameters(TwilioSamples.Sms(body: "STOP")), out var plain, out _, out _));
        Assert.Null(plain.OptOutType); // a keyword alone is not proof that Twilio opted the number out
    }
}
