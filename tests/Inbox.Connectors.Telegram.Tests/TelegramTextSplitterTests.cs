namespace Inbox.Connectors.Telegram.Tests;

public sealed class TelegramTextSplitterTests
{
    [Fact]
    public void A_short_text_is_one_piece()
    {
        Assert.Equal(["Привет"], TelegramTextSplitter.Split("Привет"));
    }

    [Fact]
    public void A_text_of_exactly_4096_units_is_one_piece()
    {
        var text = new string('я', 4096);

        Assert.Equal([text], TelegramTextSplitter.Split(text));
    }

    [Fact]
    public void An_empty_or_blank_text_has_no_pieces()
    {
        Assert.Empty(TelegramTextSplitter.Split(""));
        Assert.Empty(TelegramTextSplitter.Split(" \n\t "));
    }

    [Fact]
    public void A_long_text_is_cut_after_the_last_line_break_in_the_second_half()
    {
        var first = new string('a', 3000) + "\n";
        var second = new string('b', 2000) + " " + new string('c', 1000);

        var pieces = TelegramTextSplitter.Split(first + second);

        Assert.Equal([first, second], pieces);
    }

    [Fact]
    public void Without_line_breaks_it_cuts_after_a_space()
    {
        var words = string.Join(' ', Enumerable.Repeat("слово", 1000)); // 5999 units

        var pieces = TelegramTextSplitter.Split(words);

        Assert.Equal(2, pieces.Count);
        Assert.EndsWith(" ", pieces[0]);
        Assert.StartsWith("слово", pieces[1]);
        Assert.True(pieces[0].Length <= 4096);
        Assert.Equal(words, string.Concat(pieces));
    }

    [Fact]
    public void Without_any_whitespace_it_cuts_at_the_limit()
    {
        var text = new string('x', 4096 * 2 + 5);

        var pieces = TelegramTextSplitter.Split(text);

        Assert.Equal([4096, 4096, 5], pieces.Select(p => p.Length));
    }

    [Theory]
    [InlineData(4095)] // the pair would straddle the limit: 4095 + high | low
    [InlineData(4094)] // the pair ends exactly at the limit: cut after it
    public void A_surrogate_pair_is_never_cut(int before)
    {
        var text = new string('a', before) + "👍" + new string('b', 5000);

        var pieces = TelegramTextSplitter.Split(text);

        Assert.Equal(text, string.Concat(pieces));
        Assert.All(pieces, p =>
        {
            Assert.InRange(p.Length, 1, 4096);
            Assert.False(char.IsHighSurrogate(p[^1]), "a piece ends with half an emoji");
            Assert.False(char.IsLowSurrogate(p[0]), "a piece starts with half an emoji");
        });
    }

    [Fact]
    public void Emoji_only_text_is_cut_between_pairs()
    {
        var text = string.Concat(Enumerable.Repeat("😀", 3000)); // 6000 units

        var pieces = TelegramTextSplitter.Split(text);

        Assert.Equal([4096, 1904], pieces.Select(p => p.Length));
        Assert.Equal(text, string.Concat(pieces));
    }
}
