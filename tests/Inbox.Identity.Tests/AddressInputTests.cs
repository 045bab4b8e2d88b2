namespace Inbox.Identity.Tests;

/// <summary>What operators type in search, "create customer" and "link": any usual writing of a phone, an email, or kind:value.</summary>
public sealed class AddressInputTests
{
    private static readonly PhoneNumberNormalizer Phones = new("RU");

    [Theory]
    [InlineData("8 916 123-45-67", "phone:+79161234567")]
    [InlineData("+7 (916) 123-45-67", "phone:+79161234567")]
    [InlineData("phone:8 916 123 45 67", "phone:+79161234567")]
    [InlineData("Ivan@Example.com", "email:ivan@example.com")]
    [InlineData("email:IVAN@example.com", "email:ivan@example.com")]
    [InlineData("telegram:123456789", "telegram:123456789")]
    [InlineData("  vk:42  ", "vk:42")]
    public void Reads_phones_emails_and_identities_in_their_one_form(string raw, string expected)
    {
        Assert.Equal(expected, AddressInput.Read(raw, Phones)?.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("Ivan Petrov")]
    [InlineData("12")]
    [InlineData("phone:not a number")]
    [InlineData("email:nobody")]
    [InlineData("ivan@localhost")]
    public void Gives_nothing_for_what_is_not_an_address(string? raw)
    {
        Assert.Null(AddressInput.Read(raw, Phones));
    }
}
