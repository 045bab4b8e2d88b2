using Inbox.Identity;
namespace Inbox.Identity.Tests;

public sealed class ChannelIdentityTests
{
    [Theory]
    [InlineData("telegram:123456789", "telegram", "123456789")]
    [InlineData("phone:+79161234567", "phone", "+79161234567")]
    [InlineData("email:ivan@example.com", "email", "ivan@example.com")]
    [InlineData("api:crm:42", "api", "crm:42")]
    public void Parses_kind_and_value(string text, string kind, string value)
    {
        Assert.True(ChannelIdentity.TryParse(text, out var identity));
        Assert.Equal(kind, identity.Kind);
        Assert.Equal(value, identity.Value);
        Assert.Equal(text, identity.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("telegram")]
    [InlineData("telegram:")]
    [InlineData(":123")]
    [InlineData("fax:123")]
    public void Refuses_malformed_identities(string? text)
    {
        Assert.False(ChannelIdentity.TryParse(text, out _));
        Assert.Throws<FormatException>(() => ChannelIdentity.Parse(text ?? ""));
    }
}
