using System.Text.Json;
using Telegram.Bot.Types;
using Inbox.Identity;

namespace Inbox.Connectors.Telegram.Tests;

public sealed class TelegramInboundConverterTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly TelegramInboundConverter _converter = new(new PhoneNumberNormalizer("RU"));

    private static Message Message(string json) => JsonSerializer.Deserialize<Message>(json, global::Telegram.Bot.JsonBotAPI.Options)!;

    private static string WithContact(string contact, long from = 123456789) =>
        """{"message_id":44,"from":{"id":""" + from + ""","is_bot":false,"first_name":"Иван","last_name":"Петров"},"chat":{"id":""" + from +
        ""","type":"private"},"date":1767225602,"contact":""" + contact + "}";

    [Theory]
    [InlineData("79123456789", "+79123456789")]
    [InlineData("+79123456789", "+79123456789")]
    [InlineData("380501234567", "+380501234567")] // read as a Russian number it would be +7380…, invalid
    [InlineData("77011234567", "+77011234567")] // Kazakhstan shares +7
    public void The_customers_own_number_gets_its_plus_and_joins_the_identities(string raw, string e164)
    {
        var message = _converter.ToInbound(Message(WithContact($$"""{"phone_number":"{{raw}}","first_name":"Иван","user_id":123456789}""")), [], [], Now);

        Assert.Equal(["telegram:123456789", "phone:" + e164], message.From.Select(i => i.ToString()));
        Assert.Equal("Иван Петров", message.SenderName);
        Assert.Equal("123456789:44", message.ExternalId);
        Assert.Equal(InboundMetadataKeys.OwnContact, message.Metadata![InboundMetadataKeys.SharedContact]);
    }

    [Fact]
    public void An_own_number_that_is_not_valid_adds_no_identity()
    {
        var message = _converter.ToInbound(Message(WithContact("""{"phone_number":"7912345","first_name":"Иван","user_id":123456789}""")), [], [], Now);

        Assert.Equal(["telegram:123456789"], message.From.Select(i => i.ToString()));
        Assert.Contains("7912345", message.Text);
        Assert.Null(message.Metadata); // nothing verified: the bot reads it as any other text
    }

    [Theory]
    [InlineData("""{"phone_number":"79001112233","first_name":"Мама","user_id":555}""")]
    [InlineData("""{"phone_number":"79001112233","first_name":"Мама"}""")]
    public void Someone_elses_contact_is_described_not_merged(string contact)
    {
        var message = _converter.ToInbound(Message(WithContact(contact)), [], [], Now);

        Assert.Equal(["telegram:123456789"], message.From.Select(i => i.ToString()));
        Assert.Equal("[shared a contact: Мама, +79001112233]", message.Text);
        Assert.Null(message.Metadata);
    }

    [Fact]
    public void A_sticker_without_text_gets_a_readable_placeholder()
    {
        var message = _converter.ToInbound(Message("""{"message_id":1,"from":{"id":1,"is_bot":false,"first_name":"A"},"chat":{"id":1,"type":"private"},"date":1767225600,"sticker":{"file_id":"s","file_unique_id":"u","type":"regular","width":1,"height":1,"is_animated":false,"is_video":false,"emoji":"👍"}}"""), [], [], Now);

        Assert.Equal("[sticker 👍]", message.Text);
    }

    [Fact]
    public void The_largest_photo_size_is_the_one_downloaded()
    {
        var files = TelegramInboundConverter.FilesOf(Message("""{"message_id":43,"chat":{"id":1,"type":"private"},"date":1,"photo":[{"file_id":"AgAC-s","file_unique_id":"1","width":90,"height":67},{"file_id":"AgAC-m","file_unique_id":"2","width":320,"height":240},{"file_id":"AgAC-l","file_unique_id":"3","width":1280,"height":960,"file_size":98000}]}"""));

        var photo = Assert.Single(files);
        Assert.Equal("AgAC-l", photo.FileId);
        Assert.Equal(98000, photo.Size);
    }

    [Fact]
    public void Messages_from_bots_and_from_groups_are_not_customers_messages()
    {
        Assert.False(TelegramInboundConverter.IsFromCustomer(Message("""{"message_id":1,"from":{"id":9,"is_bot":true,"first_name":"Bot"},"chat":{"id":9,"type":"private"},"date":1,"text":"x"}""")));
        Assert.False(TelegramInboundConverter.IsFromCustomer(Message("""{"message_id":1,"from":{"id":9,"is_bot":false,"first_name":"A"},"chat":{"id":-5,"type":"group","title":"g"},"date":1,"text":"x"}""")));
        Assert.True(TelegramInboundConverter.IsFromCustomer(Message("""{"message_id":1,"from":{"id":9,"is_bot":false,"first_name":"A"},"chat":{"id":9,"type":"private"},"date":1,"text":"x"}""")));
    }

    [Fact]
    public void A_button_press_without_data_still_says_what_it_was()
    {
        var query = JsonSerializer.Deserialize<CallbackQuery>("""{"id":"q1","from":{"id":7,"is_bot":false,"first_name":"Анна"},"chat_instance":"-1"}""", global::Telegram.Bot.JsonBotAPI.Options)!;

        var message = TelegramInboundConverter.FromCallback(query, Now);

        Assert.Equal("callback:q1", message.ExternalId);
        Assert.Equal("[button without data]", message.Text);
        Assert.Equal(Now, message.SentAt);
        Assert.Equal("Анна", message.SenderName);
    }
}
