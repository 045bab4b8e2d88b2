using System.Text;

namespace Inbox.Connectors.Email.Tests;

/// <summary>Text bytes whatever the mailer declared: the declared charset when it fits, else UTF-8 when valid, else windows-1251.</summary>
public sealed class EmailCharsetsTests
{
    private static readonly Encoding Cp1251;
    private static readonly Encoding Koi8;

    static EmailCharsetsTests()
    {
        EmailCharsets.Register();
        Cp1251 = Encoding.GetEncoding(1251);
        Koi8 = Encoding.GetEncoding("koi8-r");
    }

    [Theory]
    [InlineData("windows-1251", "cp1251")]
    [InlineData("cp1251", "cp1251")]
    [InlineData("koi8-r", "koi8")]
    [InlineData(null, "cp1251")]
    [InlineData("x-unknown", "cp1251")]
    [InlineData("us-ascii", "cp1251")]
    [InlineData("utf-8", "cp1251")]
    [InlineData(null, "utf8")]
    [InlineData("us-ascii", "utf8")]
    [InlineData("iso-8859-1", "latin1")]
    public void Russian_text_survives_declared_undeclared_and_mis_declared(string? declared, string actualEncoding)
    {
        const string text = "Привет, заказ 1048576, ЁЛКА и ёлка";
        var (bytes, expected) = actualEncoding switch
        {
            "cp1251" => (Cp1251.GetBytes(text), text),
            "koi8" => (Koi8.GetBytes(text), text),
            "utf8" => (Encoding.UTF8.GetBytes(text), text),
            _ => (Encoding.Latin1.GetBytes("Café"), "Café"),
        };
        Assert.Equal(expected, EmailCharsets.Decode(bytes, declared, Cp1251));
    }

    [Fact]
    public void Mime_kit_decodes_cyrillic_encoded_words_once_the_code_pages_are_registered_first() =>
        Assert.True(EmailCharsets.MimeKitDecodesCyrillic());

    [Fact]
    public void Unknown_charsets_are_null_not_exceptions()
    {
        Assert.Null(EmailCharsets.TryGet("x-martian-42"));
        Assert.Null(EmailCharsets.TryGet(""));
        Assert.Equal(1251, EmailCharsets.TryGet("CP1251")!.CodePage);
        Assert.Equal(20866, EmailCharsets.TryGet("koi8-r")!.CodePage);
    }
}
