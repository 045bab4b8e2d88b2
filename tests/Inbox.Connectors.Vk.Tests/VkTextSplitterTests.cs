namespace Inbox.Connectors.Vk.Tests;

public sealed class VkTextSplitterTests
{
    [Fact]
    public void Short_text_is_one_part_and_blank_text_is_none()
    {
        Assert.Equal(["hello"], VkTextSplitter.Split("hello", 4096));
        Assert.Empty(VkTextSplitter.Split("  \n ", 4096));
        Assert.Empty(VkTextSplitter.Split(null, 4096));
    }

    [Fact]
    public void Text_of_exactly_the_limit_is_not_split()
    {
        var text = new string('a', 4096);

        Assert.Equal([text], VkTextSplitter.Split(text, 4096));
    }

    [Fact]
    public void A_paragraph_break_is_preferred_over_a_word_break()
    {
        var text = "first paragraph here\n\nsecond paragraph that is longer";

        var parts = VkTextSplitter.Split(text, 40);

        Assert.Equal(["first paragraph here", "second paragraph that is longer"], parts);
    }

    [Fact]
    public void Words_are_not_cut_when_there_is_a_space()
    {
        var parts = VkTextSplitter.Split("aaaa bbbb cccc dddd", 10);

        Assert.Equal(["aaaa bbbb", "cccc dddd"], parts);
    }

    [Fact]
    public void A_text_without_breaks_is_cut_hard_but_never_inside_a_surrogate_pair()
    {
        var text = new string('a', 9) + "😀" + new string('b', 5); // the emoji straddles position 10

        var parts = VkTextSplitter.Split(text, 10);

        Assert.All(parts, p => Assert.True(p.Length <= 10));
        Assert.Equal(text, string.Concat(parts));
        Assert.All(parts, p => Assert.False(char.IsHighSurrogate(p[^1])));
    }
}
