using System.Text;
using System.Text.Json;
using Telegram.Bot.Types.Enums;

namespace Inbox.Connectors.Telegram.Tests;

/// <summary>How Telegram.Bot 22.10.3.3 reads updates, as channels.md §1 observed it, and what the parser makes of it.</summary>
public sealed class TelegramUpdateParserTests
{
    [Fact]
    public void An_unknown_update_kind_parses_as_Unknown()
    {
        Assert.True(TelegramUpdateParser.TryParse("""{"update_id":5,"brand_new_kind":{"x":1}}"""u8, out var update, out _));
        Assert.Equal(UpdateType.Unknown, update.Type);
    }

    [Fact]
    public void A_string_update_id_is_accepted()
    {
        Assert.True(TelegramUpdateParser.TryParse("""{"update_id":"5","message":{"message_id":1,"chat":{"id":1,"type":"private"},"date":1}}"""u8, out var update, out _));
        Assert.Equal(5, update.Id);
    }

    [Theory]
    [InlineData("null", "null")]
    [InlineData("{}", "update_id")]
    [InlineData("""{"update_id":0}""", "update_id")]
    [InlineData("""{"update_id":-3}""", "update_id")]
    [InlineData("""{"update_id":3000000000}""", "JSON")]
    [InlineData("""{"update_id":1""", "JSON")]
    public void What_is_not_an_update_is_refused_with_a_reason(string json, string reasonWord)
    {
        Assert.False(TelegramUpdateParser.TryParse(Encoding.UTF8.GetBytes(json), out var update, out var problem));
        Assert.Null(update);
        Assert.Contains(reasonWord, problem);
    }

    [Theory]
    [InlineData("""{"update_id":3000000000,"message":1}""", 3000000000L)]
    [InlineData("""{"update_id":"77"}""", 77L)]
    [InlineData("""{"message":{}}""", null)]
    [InlineData("""{"update_id":"x"}""", null)]
    public void The_update_id_of_a_broken_update_can_still_be_read(string json, long? expected)
    {
        using var document = JsonDocument.Parse(json);

        Assert.Equal(expected, TelegramUpdateParser.ReadUpdateId(document.RootElement));
    }
}
