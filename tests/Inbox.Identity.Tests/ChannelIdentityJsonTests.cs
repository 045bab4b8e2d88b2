using System.Text.Json;

namespace Inbox.Identity.Tests;

public sealed class ChannelIdentityJsonTests
{
    [Fact]
    public void An_identity_travels_as_its_text_form()
    {
        var identity = new ChannelIdentity(IdentityKinds.Phone, "+79161234567");

        var json = JsonSerializer.Serialize(new[] { identity });

        using var document = JsonDocument.Parse(json);
        Assert.Equal("phone:+79161234567", Assert.Single(document.RootElement.EnumerateArray()).GetString());
        Assert.Equal([identity], JsonSerializer.Deserialize<ChannelIdentity[]>(json)!);
    }

    [Theory]
    [InlineData("\"fax:123\"")]
    [InlineData("\"phone\"")]
    [InlineData("42")]
    [InlineData("{\"kind\":\"phone\",\"value\":\"+79161234567\"}")]
    public void Anything_else_is_a_json_error(string json)
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ChannelIdentity>(json));
    }
}
