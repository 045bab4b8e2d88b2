namespace Inbox.Connectors.Email.Tests;

/// <summary>HTML-only mail as safe plain text: no markup, scripts, styles or hidden parts; links keep their text.</summary>
public sealed class EmailHtmlConverterTests
{
    [Fact]
    public void Scripts_styles_head_and_forms_controls_are_dropped_and_entities_decoded()
    {
        var text = EmailHtmlConverter.Convert("""
            <html><head><title>T</title><style>body{}</style></head>
            <body><script type="text/javascript">document.cookie</script>
            <p>Цена&nbsp;500&nbsp;&#8381; &amp; доставка &lt;бесплатно&gt;</p>
            <noscript>включите JS</noscript><select><option>один</option></select><button>Нажми</button>
            <!-- a comment --><iframe src="https://evil.example">frame</iframe></body></html>
            """).Text;
        Assert.Equal("Цена 500 ₽ & доставка <бесплатно>", text);
    }

    [Fact]
    public void Links_keep_their_text_and_show_http_and_mailto_targets_but_never_javascript()
    {
        var text = EmailHtmlConverter.Convert(
            """<p><a href="https://shop.example/o/1">Заказ</a>, <a href="https://shop.example/x">https://shop.example/x</a>, """ +
            """<a href="mailto:help@shop.example?subject=x">пишите</a>, <a href="javascript:alert(1)">кнопка</a></p>""").Text;
        Assert.Equal("Заказ (https://shop.example/o/1), https://shop.example/x, пишите (help@shop.example), кнопка", text);
    }

    [Fact]
    public void Blocks_lists_and_breaks_become_lines_and_whitespace_collapses()
    {
        var text = EmailHtmlConverter.Convert("<div>Строка   один<br>строка\n два</div><ul><li>первый</li><li>второй</li></ul><table><tr><td>a</td><td>b</td></tr></table><pre>  как\n  есть</pre>").Text;
        Assert.Equal("Строка один\nстрока два\n- первый\n- второй\na b\n\n  как\n  есть", text);
    }

    [Theory]
    [InlineData("<p>Да</p><blockquote type=\"cite\"><p>Вопрос</p></blockquote>")]
    [InlineData("<div>Да</div><div class=\"gmail_quote gmail_quote_container\"><div>On Mon wrote:</div><blockquote>Вопрос</blockquote></div>")]
    public void The_start_of_a_cited_quote_is_reported(string html)
    {
        var result = EmailHtmlConverter.Convert(html);
        Assert.NotNull(result.QuoteStart);
        Assert.Equal("Да", result.Text[..result.QuoteStart.Value]);
        Assert.Contains("Вопрос", result.Text[result.QuoteStart.Value..]);
    }

    [Fact]
    public void A_blockquote_without_cite_is_not_a_reply_quote()
    {
        Assert.Null(EmailHtmlConverter.Convert("<p>Смотрите:</p><blockquote>цитата из договора</blockquote>").QuoteStart);
    }
}
