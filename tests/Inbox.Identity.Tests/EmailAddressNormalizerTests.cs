namespace Inbox.Identity.Tests;

public sealed class EmailAddressNormalizerTests
{
    [Theory]
    [InlineData("Ivan@Example.COM", "ivan@example.com")]
    [InlineData("  ivan.petrov+orders@mail.example.ru ", "ivan.petrov+orders@mail.example.ru")]
    [InlineData("<ivan@example.com>", "ivan@example.com")]
    public void Reads_one_plain_address_in_lower_case(string raw, string expected)
    {
        Assert.True(EmailAddressNormalizer.TryNormalize(raw, out var address));
        Assert.Equal(expected, address);
        Assert.Equal(new ChannelIdentity(IdentityKinds.Email, expected), EmailAddressNormalizer.ToIdentity(raw));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ivan")]
    [InlineData("ivan@localhost")]
    [InlineData("@example.com")]
    [InlineData("ivan@")]
    [InlineData("ivan@@example.com")]
    [InlineData("a@b@example.com")]
    [InlineData("Ivan <ivan@example.com>")]
    [InlineData("ivan@example.com, olga@example.com")]
    [InlineData("iv an@example.com")]
    [InlineData("ivan@example..com")]
    [InlineData("ivan@.example.com")]
    [InlineData(".ivan@example.com")]
    [InlineData("ivan\u0000@example.com")]
    public void Refuses_anything_but_one_plain_address(string? raw)
    {
        Assert.False(EmailAddressNormalizer.TryNormalize(raw, out var address));
        Assert.Null(address);
        Assert.Null(EmailAddressNormalizer.ToIdentity(raw));
    }

    [Fact]
    public void Refuses_an_address_longer_than_smtp_allows()
    {
        var raw = new string('a', 250) + "@example.com";

        Assert.False(EmailAddressNormalizer.TryNormalize(raw, out _));
    }
}
