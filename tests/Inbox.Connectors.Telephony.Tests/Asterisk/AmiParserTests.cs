using System.Text;

namespace Inbox.Connectors.Telephony.Tests.Asterisk;

public sealed class AmiParserTests
{
    private const string Stream = "Asterisk Call Manager/9.0.0\r\n" +
        "Response: Success\r\nActionID: 1\r\nMessage: Authentication accepted\r\n\r\n" +
        "Event: Newchannel\r\nAccountCode:\r\nChanVariable: a=1\r\nChanVariable: b=2\r\nCallerIDName: Иван\r\nUniqueid: 1.1\r\n\r\n";

    [Fact]
    public void Reads_the_banner_and_whole_messages()
    {
        var parser = new AmiParser();
        var messages = parser.Feed(Encoding.UTF8.GetBytes(Stream));

        Assert.Equal("Asterisk Call Manager/9.0.0", parser.Banner);
        Assert.Equal(2, messages.Count);
        Assert.Equal("Success", messages[0].Response);
        Assert.Equal("Authentication accepted", messages[0]["message"]);
        Assert.Equal("Newchannel", messages[1].Event);
        Assert.Equal("Иван", messages[1]["CallerIDName"]);
    }

    [Fact]
    public void A_key_without_a_value_has_the_empty_value_and_repeated_keys_are_all_kept()
    {
        var message = new AmiParser().Feed(Encoding.UTF8.GetBytes(Stream))[1];

        Assert.Equal("", message["AccountCode"]);
        Assert.Null(message.Value("AccountCode"));
        Assert.Equal("a=1", message["ChanVariable"]);
        Assert.Equal(["a=1", "b=2"], message.All("ChanVariable"));
    }

    [Fact]
    public void Any_split_of_the_bytes_gives_the_same_messages()
    {
        var bytes = Encoding.UTF8.GetBytes(Stream);
        var whole = new AmiParser().Feed(bytes).Select(m => m.ToString()).ToList();

        for (var split = 1; split < bytes.Length; split++)
        {
            var parser = new AmiParser();
            var messages = parser.Feed(bytes.AsSpan(0, split)).Concat(parser.Feed(bytes.AsSpan(split))).Select(m => m.ToString()).ToList();
            Assert.Equal(whole, messages);
            Assert.Equal("Asterisk Call Manager/9.0.0", parser.Banner);
        }

        var byteByByte = new AmiParser();
        var one = bytes.SelectMany(b => byteByByte.Feed([b])).Select(m => m.ToString()).ToList();
        Assert.Equal(whole, one);
    }

    [Fact]
    public void LF_only_line_endings_read_the_same_as_CRLF()
    {
        var crlf = new AmiParser().Feed(Encoding.UTF8.GetBytes(Stream)).Select(m => m.ToString());
        var lf = new AmiParser().Feed(Encoding.UTF8.GetBytes(Stream.Replace("\r\n", "\n", StringComparison.Ordinal))).Select(m => m.ToString());

        Assert.Equal(crlf, lf);
    }

    [Fact]
    public void A_message_is_only_complete_at_its_blank_line()
    {
        var parser = new AmiParser();
        Assert.Empty(parser.Feed(Encoding.UTF8.GetBytes("Event: Hangup\nUniqueid: 1.1\n")));
        var messages = parser.Feed(Encoding.UTF8.GetBytes("\n"));

        Assert.Single(messages);
        Assert.Null(parser.Banner);
    }

    [Fact]
    public void Lines_without_a_colon_are_skipped_and_extra_blank_lines_make_no_empty_messages()
    {
        var messages = new AmiParser().Feed(Encoding.UTF8.GetBytes("Asterisk Call Manager/9.0.0\n\n\nResponse: Follows\n--END COMMAND--\n\n\n"));

        var message = Assert.Single(messages);
        Assert.Single(message.Fields);
    }

    [Fact]
    public void An_endless_line_is_a_protocol_error()
    {
        var parser = new AmiParser();
        parser.Feed(Encoding.UTF8.GetBytes("Asterisk Call Manager/9.0.0\n"));

        Assert.Throws<AmiProtocolException>(() => parser.Feed(new byte[AmiParser.MaxLineBytes + 1]));
    }
}
