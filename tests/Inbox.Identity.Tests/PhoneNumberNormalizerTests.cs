using Inbox.Identity;
namespace Inbox.Identity.Tests;

/// <summary>The vectors of protocols/channels.md §5 and product rule 3.</summary>
public sealed class PhoneNumberNormalizerTests
{
    private readonly PhoneNumberNormalizer _phones = new("RU");

    [Theory]
    [InlineData("8 (912) 345-67-89", "+79123456789")]
    [InlineData("89123456789", "+79123456789")]
    [InlineData("9123456789", "+79123456789")]
    [InlineData("79123456789", "+79123456789")]
    [InlineData("+7 (912) 345-67-89", "+79123456789")]
    [InlineData("８９１２３４５６７８９", "+79123456789")]
    [InlineData("8-800-555-35-35", "+78005553535")]
    [InlineData("810 7 912 345 67 89", "+79123456789")]
    [InlineData("00 7 912 345 67 89", "+79123456789")]
    [InlineData("+79123456789 доб. 123", "+79123456789")]
    [InlineData("87011234567", "+77011234567")]
    [InlineData("380501234567", "+380501234567")]
    [InlineData("tel:+7-912-345-67-89", "+79123456789")]
    [InlineData("whatsapp:+79123456789", "+79123456789")]
    [InlineData("8 916 123-45-67", "+79161234567")]
    [InlineData("+7 (916) 123-45-67", "+79161234567")]
    [InlineData("79161234567", "+79161234567")]
    public void Normalizes_to_e164(string raw, string expected)
    {
        Assert.True(_phones.TryNormalize(raw, out var e164));
        Assert.Equal(expected, e164);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("anonymous")]
    [InlineData("Anonymous")]
    [InlineData("restricted")]
    [InlineData("call me maybe")]
    [InlineData("7 912 345")]
    [InlineData("+7912345")]
    [InlineData("1234567890123456789012")]
    [InlineData("sip:1001@pbx.example.com")]
    [InlineData("client:alice")]
    public void Refuses_what_is_not_a_reachable_number(string? raw)
    {
        Assert.False(_phones.TryNormalize(raw, out var e164));
        Assert.Null(e164);
        Assert.Null(_phones.ToIdentity(raw));
    }

    [Fact]
    public void Equal_numbers_in_different_writing_are_one_identity()
    {
        var a = _phones.ToIdentity("8 916 123-45-67");
        var b = _phones.ToIdentity("+7 (916) 123-45-67");
        var c = _phones.ToIdentity("79161234567");
        Assert.Equal("phone:+79161234567", a!.ToString());
        Assert.Equal(a, b);
        Assert.Equal(a, c);
    }

    [Theory]
    [InlineData("+79161234567", "RU")]
    [InlineData("+77012345678", "KZ")]
    [InlineData("+447400123456", "GB")]
    [InlineData("+380441234567", "UA")]
    [InlineData("8 916 123-45-67", "RU")]
    [InlineData("anonymous", null)]
    public void Tells_the_region_of_a_number(string raw, string? region)
    {
        Assert.Equal(region, _phones.RegionOf(raw));
    }
}
