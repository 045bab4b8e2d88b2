using System.Text;

namespace Inbox.Connectors.Twilio.Tests;

public sealed class TwilioWebhookParametersTests
{
    [Fact]
    public void A_form_is_read_exactly_as_sent()
    {
        var body = Encoding.UTF8.GetBytes("Body=%D0%93%D0%B4%D0%B5+%D0%BC%D0%BE%D0%B9+1%2B1&From=whatsapp%3A%2B79123456789&Tag=b&Tag=a&tag=c&Empty=&Bare&&NewField=x");
        var parameters = TwilioWebhookParameters.FromForm(body);

        Assert.Equal("Где мой 1+1", parameters["Body"]);
        Assert.Equal("whatsapp:+79123456789", parameters["From"]);
        Assert.Equal(["b", "a"], parameters.All.Where(p => p.Key == "Tag").Select(p => p.Value));
        Assert.Equal("c", parameters["tag"]); // names are case-sensitive, as in the signature
        Assert.Equal("", parameters["Empty"]);
        Assert.Equal("", parameters["Bare"]);
        Assert.Equal("x", parameters["NewField"]);
        Assert.Null(parameters["Missing"]);
        Assert.Equal(8, parameters.All.Count);
    }

    [Fact]
    public void A_json_body_becomes_the_same_shape()
    {
        var json = "{\"MessageSid\":\"SM1\",\"NumMedia\":1,\"Forwarded\":true,\"MediaUrl0\":\"https://x/1\",\"Tags\":[\"a\",\"b\"],\"Nothing\":null,\"Nested\":{\"a\":1}}";
        Assert.True(TwilioWebhookParameters.TryFromJson(Encoding.UTF8.GetBytes(json), out var parameters, out var error));
        Assert.Null(error);
        Assert.Equal("SM1", parameters["MessageSid"]);
        Assert.Equal("1", parameters["NumMedia"]);
        Assert.Equal("true", parameters["Forwarded"]);
        Assert.Equal(["a", "b"], parameters.All.Where(p => p.Key == "Tags").Select(p => p.Value));
        Assert.Null(parameters["Nothing"]);
        Assert.Equal("{\"a\":1}", parameters["Nested"]);
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    [InlineData("{\"MessageSid\":")]
    [InlineData("MessageSid=SM1")]
    public void A_json_body_that_is_not_an_object_is_refused(string json)
    {
        Assert.False(TwilioWebhookParameters.TryFromJson(Encoding.UTF8.GetBytes(json), out var parameters, out var error));
        Assert.Null(parameters);
        Assert.False(string.IsNullOrEmpty(error));
    }
}
