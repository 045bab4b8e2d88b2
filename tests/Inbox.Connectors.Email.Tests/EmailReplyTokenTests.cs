namespace Inbox.Connectors.Email.Tests;

/// <summary>The Reply-To plus-address token: short, reversible, case-insensitive, and nothing else decodes.</summary>
public sealed class EmailReplyTokenTests
{
    public static TheoryData<Guid> Ids => new() { Guid.Empty, Guid.Parse("ffffffff-ffff-ffff-ffff-ffffffffffff"), Guid.Parse("5f1c2d3e-4a5b-4c6d-8e7f-90a1b2c3d4e5"), Guid.NewGuid(), Guid.NewGuid() };

    [Theory]
    [MemberData(nameof(Ids))]
    public void A_conversation_id_round_trips_in_any_letter_case(Guid id)
    {
        var token = EmailReplyToken.Encode(id);
        Assert.Matches("^c[a-z2-7]{26}$", token);
        Assert.True(EmailReplyToken.TryDecode(token, out var back));
        Assert.Equal(id, back);
        Assert.True(EmailReplyToken.TryDecode(token.ToUpperInvariant(), out var upper));
        Assert.Equal(id, upper);
    }

    [Fact]
    public void The_token_of_a_known_id_is_fixed()
    {
        Assert.Equal("caaaaaaaaaaaaaaaaaaaaaaaaaa", EmailReplyToken.Encode(Guid.Empty));
        Assert.Equal("support+caaaaaaaaaaaaaaaaaaaaaaaaaa@shop.example", EmailReplyToken.AddressFor("support@shop.example", Guid.Empty));
        Assert.Equal("support+caaaaaaaaaaaaaaaaaaaaaaaaaa@shop.example", EmailReplyToken.AddressFor("support+old@shop.example", Guid.Empty));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("c8f3k2")]
    [InlineData("xaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("caaaaaaaaaaaaaaaaaaaaaaaaa1")]
    [InlineData("caaaaaaaaaaaaaaaaaaaaaaaaab")] // the two padding bits set: not made by Encode
    [InlineData("caaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void Garbage_tokens_do_not_decode(string? token) => Assert.False(EmailReplyToken.TryDecode(token, out _));

    [Theory]
    [InlineData("support+{0}@shop.example", true)]
    [InlineData("SUPPORT+{0}@SHOP.EXAMPLE", true)]
    [InlineData("sales+{0}@shop.example", false)]
    [InlineData("support+{0}@other.example", false)]
    [InlineData("support@shop.example", false)]
    [InlineData("not an address", false)]
    public void Only_a_plus_address_of_our_base_names_a_conversation(string pattern, bool matches)
    {
        var id = Guid.NewGuid();
        var address = string.Format(System.Globalization.CultureInfo.InvariantCulture, pattern, EmailReplyToken.Encode(id));
        Assert.Equal(matches, EmailReplyToken.TryRead(address, "support@shop.example", out var found));
        Assert.Equal(matches ? id : null, found);
    }
}
