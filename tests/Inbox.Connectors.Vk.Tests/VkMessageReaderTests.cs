using System.Text.Json;

namespace Inbox.Connectors.Vk.Tests;

public sealed class VkMessageReaderTests
{
    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    [Fact]
    public void The_largest_photo_size_is_chosen_by_width_times_height_whatever_the_order()
    {
        var photo = Json("""
            {"id":1,"owner_id":2,"sizes":[
              {"type":"x","width":604,"height":453,"url":"https://example.invalid/x.jpg"},
              {"type":"w","width":1280,"height":200,"url":"https://example.invalid/w.jpg"},
              {"type":"z","width":1080,"height":810,"url":"https://example.invalid/z.jpg"},
              {"type":"m","width":130,"height":97,"url":"https://example.invalid/m.jpg"}]}
            """);

        var largest = VkMessageReader.LargestSize(photo);

        Assert.Equal("https://example.invalid/z.jpg", largest?.Url);
        Assert.Equal("photo2_1", largest?.ProviderFileId);
    }

    [Fact]
    public void Without_dimensions_the_size_letter_decides()
    {
        var photo = Json("""{"id":1,"owner_id":2,"sizes":[{"type":"y","width":0,"height":0,"url":"u-y"},{"type":"s","width":0,"height":0,"url":"u-s"},{"type":"w","width":0,"height":0,"url":"u-w"}]}""");

        Assert.Equal("u-w", VkMessageReader.LargestSize(photo)?.Url);
    }

    [Fact]
    public void A_photo_without_sizes_is_only_described()
    {
        var message = Json("""{"peer_id":1,"from_id":1,"text":"","attachments":[{"type":"photo","photo":{"id":1,"owner_id":1,"sizes":[]}}]}""");

        Assert.True(VkMessageReader.TryRead(message, out var read));
        Assert.Empty(read.Photos);
        Assert.Equal("[photo]", read.Text);
    }

    [Fact]
    public void Other_attachments_are_described_in_the_text_and_not_downloaded()
    {
        var message = Json("""
            {"peer_id":5,"from_id":5,"text":"смотрите","conversation_message_id":3,"attachments":[
              {"type":"sticker","sticker":{"sticker_id":9}},
              {"type":"doc","doc":{"title":"счёт.pdf","url":"https://example.invalid/doc"}},
              {"type":"audio_message","audio_message":{"duration":3}},
              {"type":"link","link":{"url":"https://shop.example/order/1234"}},
              {"type":"video","video":{"id":1}},
              {"type":"wall","wall":{"id":1}},
              {"type":"poll","poll":{"id":1}},
              {"type":"graffiti","graffiti":{"id":1}},
              {"type":"call","call":{"state":"ended"}},
              {"type":"story","story":{"id":1}},
              {"type":"something_new","something_new":{}}],
             "geo":{"type":"point","coordinates":{"latitude":55.7,"longitude":37.6}}}
            """);

        Assert.True(VkMessageReader.TryRead(message, out var read));

        Assert.Empty(read.Photos);
        Assert.Equal(
            "смотрите\n[sticker]\n[document: счёт.pdf]\n[voice message]\n[link: https://shop.example/order/1234]\n[video]\n[wall post]\n[poll]\n[graffiti]\n[call]\n[story]\n[something_new]\n[location]",
            read.Text);
    }

    [Fact]
    public void Forwarded_messages_are_quoted_and_their_photos_not_downloaded()
    {
        var message = Json("""
            {"peer_id":5,"from_id":5,"text":"вот переписка","fwd_messages":[
              {"from_id":7,"text":"line one\nline two","attachments":[{"type":"photo","photo":{"id":1,"owner_id":7,"sizes":[{"type":"x","width":1,"height":1,"url":"u"}]}}],
               "fwd_messages":[{"from_id":8,"text":"deeper"}]}]}
            """);

        Assert.True(VkMessageReader.TryRead(message, out var read));

        Assert.Empty(read.Photos);
        Assert.Equal("вот переписка\n> [forwarded from vk:7] line one\n> line two\n> [photo]\n>> [forwarded from vk:8] deeper", read.Text);
    }

    [Fact]
    public void Many_forwarded_messages_are_capped()
    {
        var forwards = string.Join(',', Enumerable.Range(0, 100).Select(i => $$"""{"from_id":1,"text":"f{{i}}"}"""));
        var message = Json($$"""{"peer_id":5,"from_id":5,"text":"x","fwd_messages":[{{forwards}}]}""");

        Assert.True(VkMessageReader.TryRead(message, out var read));

        Assert.Contains($"f{VkMessageReader.MaxForwardedMessages - 1}", read.Text);
        Assert.DoesNotContain($"f{VkMessageReader.MaxForwardedMessages}\n", read.Text + "\n");
        Assert.EndsWith("[more forwarded messages not shown]", read.Text);
    }

    [Theory]
    [InlineData("""{"text":"no ids"}""")]
    [InlineData("""{"peer_id":0,"from_id":0,"text":"zeros"}""")]
    [InlineData("""{"peer_id":2000000001,"text":"a chat without an author"}""")]
    [InlineData("1")]
    [InlineData("\"text\"")]
    public void A_message_without_an_author_is_not_read(string json)
    {
        Assert.False(VkMessageReader.TryRead(Json(json), out _));
    }

    [Fact]
    public void String_numbers_are_read()
    {
        Assert.True(VkMessageReader.TryRead(Json("""{"peer_id":"42","from_id":"42","conversation_message_id":"7","date":"1767225600","text":"hi"}"""), out var read));
        Assert.Equal((42L, 42L, 7L, 1767225600L), (read.PeerId, read.FromId, read.ConversationMessageId!.Value, read.Date!.Value));
    }

    [Theory]
    [InlineData("""{"payload":"{\"command\":\"start\"}"}""", "{\"command\":\"start\"}")]
    [InlineData("""{"payload":{"text":"Статус заказа"}}""", "Статус заказа")]
    [InlineData("""{"payload":{"command":"operator"}}""", "operator")]
    [InlineData("""{"payload":{"order":1234}}""", "{\"order\":1234}")]
    [InlineData("""{"payload":null}""", "[button pressed]")]
    [InlineData("""{}""", "[button pressed]")]
    public void A_button_payload_becomes_text(string item, string text)
    {
        Assert.Equal(text, VkEventProcessor.PayloadText(Json(item)));
    }
}
