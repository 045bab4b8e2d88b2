namespace Inbox.Connectors.Telephony.Tests.Twilio;

public sealed class TwilioVoiceSignatureTests
{
    private static readonly KeyValuePair<string, string>[] TwilioExampleParameters =
    [
        new("CallSid", "CA1234567890ABCDE"),
        new("Caller", "+12349013030"),
        new("Digits", "1234"),
        new("From", "+12349013030"),
        new("To", "+18005551212"),
    ];

    private static readonly KeyValuePair<string, string>[] WhatsAppParameters =
    [
        new("To", "whatsapp:+15005550006"),
        new("AccountSid", "AC0123456789abcdef0123456789abcdef"),
        new("WaId", "79123456789"),
        new("Body", "Где мой заказ?"),
        new("From", "whatsapp:+79123456789"),
        new("MessageSid", "SM0123456789abcdef0123456789abcdef"),
        new("NumMedia", "0"),
        new("ProfileName", "Иван"),
    ];

    [Fact]
    public void Twilios_own_vector_is_reproduced()
    {
        Assert.Equal("0/KCTR6DLpKmkAf8muzZqo1nDgQ=",
            TwilioVoiceSignature.Compute("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", TwilioExampleParameters.Reverse()));
    }

    [Fact]
    public void The_channels_md_vectors_are_reproduced_with_and_without_the_port()
    {
        const string token = "test_auth_token_0123456789abcdef";
        Assert.Equal("heeFydiTVPMgt0JAuGvcfEmBPzk=", TwilioVoiceSignature.Compute(token, "https://inbox.example.com/hooks/twilio/sms?tenant=acme", WhatsAppParameters));
        Assert.Equal("TCIJatEuJlHT9vhQeE0wSskCFPw=", TwilioVoiceSignature.Compute(token, "https://inbox.example.com:443/hooks/twilio/sms?tenant=acme", WhatsAppParameters));

        Assert.True(TwilioVoiceSignature.IsValid(token, "https://inbox.example.com/hooks/twilio/sms?tenant=acme", WhatsAppParameters, "TCIJatEuJlHT9vhQeE0wSskCFPw="));
        Assert.True(TwilioVoiceSignature.IsValid(token, "https://inbox.example.com:443/hooks/twilio/sms?tenant=acme", WhatsAppParameters, "heeFydiTVPMgt0JAuGvcfEmBPzk="));
    }

    [Fact]
    public void A_wrong_token_url_parameter_or_missing_signature_does_not_verify()
    {
        const string url = "https://mycompany.com/myapp.php?foo=1&bar=2";
        const string signature = "0/KCTR6DLpKmkAf8muzZqo1nDgQ=";
        Assert.True(TwilioVoiceSignature.IsValid("12345", url, TwilioExampleParameters, signature));

        Assert.False(TwilioVoiceSignature.IsValid("54321", url, TwilioExampleParameters, signature));
        Assert.False(TwilioVoiceSignature.IsValid("12345", "https://mycompany.com/myapp.php", TwilioExampleParameters, signature));
        Assert.False(TwilioVoiceSignature.IsValid("12345", url, [.. TwilioExampleParameters, new("Extra", "1")], signature));
        Assert.False(TwilioVoiceSignature.IsValid("12345", url, TwilioExampleParameters, null));
        Assert.False(TwilioVoiceSignature.IsValid("12345", url, TwilioExampleParameters, ""));
    }

    [Fact]
    public void Repeated_parameters_are_signed_with_their_values_sorted()
    {
        KeyValuePair<string, string>[] one = [new("A", "2"), new("A", "1"), new("B", "x")];
        KeyValuePair<string, string>[] other = [new("B", "x"), new("A", "1"), new("A", "2")];

        Assert.Equal(TwilioVoiceSignature.Compute("t", "https://h/p", one), TwilioVoiceSignature.Compute("t", "https://h/p", other));
    }

    [Theory]
    [InlineData("https://h.example/p?q=1", new[] { "https://h.example/p?q=1", "https://h.example:443/p?q=1" })]
    [InlineData("https://h.example:443/p", new[] { "https://h.example:443/p", "https://h.example/p" })]
    [InlineData("http://h.example/p", new[] { "http://h.example/p", "http://h.example:80/p" })]
    [InlineData("https://h.example:8443/p", new[] { "https://h.example:8443/p" })]
    public void The_url_is_tried_with_and_without_the_default_port(string url, string[] variants) =>
        Assert.Equal(variants, TwilioVoiceSignature.UrlVariants(url));
}
