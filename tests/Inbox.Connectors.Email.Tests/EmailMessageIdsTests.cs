using MimeKit;

namespace Inbox.Connectors.Email.Tests;

/// <summary>Message-IDs kept without brackets; garbage is not an id; References are cut, not dropped.</summary>
public sealed class EmailMessageIdsTests
{
    [Theory]
    [InlineData("<abc123@mail.example.ru>", "abc123@mail.example.ru")]
    [InlineData("abc123@mail.example.ru", "abc123@mail.example.ru")]
    [InlineData(" <a.b+c@d> ", "a.b+c@d")]
    [InlineData("<@>", null)]
    [InlineData("<abc@>", null)]
    [InlineData("no-at-sign", null)]
    [InlineData("two words@x", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Ids_are_normalised_or_refused(string? raw, string? expected) => Assert.Equal(expected, EmailMessageIds.Normalize(raw));

    [Fact]
    public void An_overlong_id_is_refused() => Assert.Null(EmailMessageIds.Normalize(new string('x', 300) + "@example.ru"));

    [Fact]
    public void The_references_of_a_reply_are_the_parents_and_then_the_parent_itself()
    {
        Assert.Equal(["out-0@shop.example", "out-1@shop.example", "abc123@mail.example.ru"],
            EmailMessageIds.ReferencesForReply(["out-0@shop.example", "out-1@shop.example"], "abc123@mail.example.ru"));
    }

    [Fact]
    public void In_reply_to_comes_first_then_references_newest_first_without_repeats()
    {
        var message = new MimeMessage();
        message.Headers.Add(HeaderId.InReplyTo, "<b@x>");
        message.Headers.Add(HeaderId.References, "<a@x> <b@x> <c@x>");
        Assert.Equal(["b@x", "c@x", "a@x"], EmailMessageIds.ReadInReplyTo(message));
    }
}
