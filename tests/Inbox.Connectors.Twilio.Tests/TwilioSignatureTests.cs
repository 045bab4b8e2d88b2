using System.Text;

namespace Inbox.Connectors.Twilio.Tests;

/// <summary>The test vectors of channels.md §3, reproduced exactly, and the signature's rules around them.</summary>
public sealed class TwilioSignatureTests
{
    private const string Token = "test_auth_token_0123456789abcdef";
    private const string FormUrl = "https://inbox.example.com/hooks/twilio/sms?tenant=acme";

    private static readonly KeyValuePair<string, string>[] FormParameters =
    [
        new("AccountSid", "AC0123456789abcdef0123456789abcdef"),
        new("Body", "Где мой заказ?"),
        new("From", "whatsapp:+79123456789"),
        new("MessageSid", "SM0123456789abcdef0123456789abcdef"),
        new("NumMedia", "0"),
        new("ProfileName", "Иван"),
        new("To", "whatsapp:+15005550006"),
        new("WaId", "79123456789"),
    ];

    [Fact]
    public void Form_vector()
    {
        Assert.Equal("heeFydiTVPMgt0JAuGvcfEmBPzk=", TwilioSignature.Compute(Token, FormUrl, FormParameters));
    }

    [Fact]
    public void Form_vector_with_the_default_port()
    {
        Assert.Equal("TCIJatEuJlHT9vhQeE0wSskCFPw=", TwilioSignature.Compute(Token, "https://inbox.example.com:443/hooks/twilio/sms?tenant=acme", FormParameters));
    }

    [Fact]
    public void Either_port_form_of_the_vector_verifies_against_either_url()
    {
        foreach (var url in new[] { FormUrl, "https://inbox.example.com:443/hooks/twilio/sms?tenant=acme" })
        {
            Assert.True(TwilioSignature.Verify(Token, url, FormParameters, "heeFydiTVPMgt0JAuGvcfEmBPzk="));
            Assert.True(TwilioSignature.Verify(Token, url, FormParameters, "TCIJatEuJlHT9vhQeE0wSskCFPw="));
        }
    }

    [Fact]
    public void Json_vector()
    {
        var body = Encoding.UTF8.GetBytes("{\"MessageSid\":\"SM0123456789abcdef0123456789abcdef\",\"Body\":\"тест\"}");
        var hash = TwilioSignature.ComputeBodyHash(body);
        Assert.Equal("31fde6a30459f415bee59d2bbe02d99e26a1f0f6d0863f0da596b2e873a8315b", hash);
        Assert.Equal("ZfiiH64oeimluuLnfqMZQ5Yfw/g=", TwilioSignature.Compute(Token, $"https://inbox.example.com/hooks/twilio/json?bodySHA256={hash}"));
    }

    [Fact]
    public void Parameter_order_as_sent_does_not_matter()
    {
        var shuffled = FormParameters.Reverse().ToArray();
        Assert.Equal("heeFydiTVPMgt0JAuGvcfEmBPzk=", TwilioSignature.Compute(Token, FormUrl, shuffled));
    }

    [Fact]
    public void A_repeated_name_is_signed_with_its_values_sorted()
    {
        KeyValuePair<string, string>[] repeated = [new("Tag", "b"), new("A", "1"), new("Tag", "a")];
        var expected = Hmac(FormUrl + "A1TagaTagb");
        Assert.Equal(expected, TwilioSignature.Compute(Token, FormUrl, repeated));
        Assert.NotEqual(expected, TwilioSignature.Compute(Token, FormUrl, [new("Tag", "b"), new("A", "1")]));
    }

    [Fact]
    public void Names_sort_ordinally_so_upper_case_comes_first()
    {
        KeyValuePair<string, string>[] parameters = [new("body", "x"), new("To", "y")];
        var expected = Hmac(FormUrl + "Toybodyx");
        Assert.Equal(expected, TwilioSignature.Compute(Token, FormUrl, parameters));
    }

    [Theory]
    [InlineData("https://inbox.example.com/a?b=1", "https://inbox.example.com:443/a?b=1")]
    [InlineData("https://inbox.example.com:443/a", "https://inbox.example.com/a")]
    [InlineData("http://inbox.example.com/a", "http://inbox.example.com:80/a")]
    [InlineData("https://inbox.example.com", "https://inbox.example.com:443")]
    public void The_default_port_is_added_or_removed(string url, string other)
    {
        Assert.Equal([url, other], TwilioSignature.UrlVariants(url));
    }

    [Theory]
    [InlineData("https://inbox.example.com:8443/a")]
    [InlineData("http://inbox.example.com:443/a")]
    public void A_non_default_port_is_never_dropped(string url)
    {
        Assert.Equal([url], TwilioSignature.UrlVariants(url));
    }

    [Fact]
    public void Anything_changed_fails_verification()
    {
        const string signature = "heeFydiTVPMgt0JAuGvcfEmBPzk=";
        Assert.False(TwilioSignature.Verify("another_token", FormUrl, FormParameters, signature));
        Assert.False(TwilioSignature.Verify(Token, FormUrl.Replace("acme", "other", StringComparison.Ordinal), FormParameters, signature));
        Assert.False(TwilioSignature.Verify(Token, "https://inbox.example.com:8443/hooks/twilio/sms?tenant=acme", FormParameters, signature));
        Assert.False(TwilioSignature.Verify(Token, FormUrl, FormParameters.Select(p => p.Key == "Body" ? new KeyValuePair<string, string>("Body", "Где мой заказ!") : p), signature));
        Assert.False(TwilioSignature.Verify(Token, FormUrl, FormParameters.Append(new("Extra", "1")), signature));
        Assert.False(TwilioSignature.Verify(Token, FormUrl, FormParameters, null));
        Assert.False(TwilioSignature.Verify(Token, FormUrl, FormParameters, ""));
    }

    /// <summary>The signature written out by hand: Base64(HMAC-SHA1(token, text)).</summary>
    private static string Hmac(string text) =>
        Convert.ToBase64String(System.Security.Cryptography.HMACSHA1.HashData(Encoding.UTF8.GetBytes(Token), Encoding.UTF8.GetBytes(text)));
}
