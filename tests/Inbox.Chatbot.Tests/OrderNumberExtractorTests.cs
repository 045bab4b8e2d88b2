using Inbox.Chatbot.Text;

using Inbox.Orders;

namespace Inbox.Chatbot.Tests;

public sealed class OrderNumberExtractorTests
{
    [Theory]
    [InlineData("где мой заказ 1048576?", new[] { "1048576" })]
    [InlineData("MV-2231187", new[] { "MV-2231187" })]
    [InlineData("заказ mv-2231187 где", new[] { "MV-2231187" })]
    [InlineData("№ 1234А", new[] { "1234А" })]
    [InlineData("№1234а пришёл?", new[] { "1234А" })]
    [InlineData("заказ #1048576", new[] { "1048576" })]
    [InlineData("order no. 1048576", new[] { "1048576" })]
    [InlineData("заказы 1048576 и MV-2231187", new[] { "1048576", "MV-2231187" })]
    [InlineData("1048576, 1048576 и ещё раз 1048576", new[] { "1048576" })]
    [InlineData("номер заказа: 1234A", new[] { "1234A" })]
    [InlineData("заказ № 555", new[] { "555" })]
    [InlineData("order US-100200 please", new[] { "US-100200" })]
    public void Finds_order_numbers(string text, string[] expected)
    {
        Assert.Equal(expected, OrderNumberExtractor.Extract(text));
    }

    [Theory]
    [InlineData("мой телефон +7 916 123-45-67")]
    [InlineData("позвоните на 89161234567")]
    [InlineData("звонили с 8 (916) 123-45-67")]
    [InlineData("мой номер 79161234567")]
    [InlineData("заказ на 15000 руб")]
    [InlineData("списали 20000 ₽")]
    [InlineData("доставка 12.05.2026 в 10:00")]
    [InlineData("в 2025 году")]
    [InlineData("пришел код 4512")]
    [InlineData("карта 4276 1234 5678 9012")]
    [InlineData("my email is ivan1048576@example.com")]
    [InlineData("https://shop.example.ru/orders/1048576")]
    [InlineData("где мой заказ?")]
    [InlineData("")]
    public void Ignores_phones_amounts_dates_codes_cards_links_and_plain_text(string text)
    {
        Assert.Empty(OrderNumberExtractor.Extract(text));
    }

    [Theory]
    [InlineData("1234А", "1234A")]
    [InlineData("mv-2231187", "MV-2231187")]
    [InlineData("MV–2231187", "MV-2231187")]
    [InlineData("№ 1048576", "1048576")]
    public void Look_alike_spellings_are_the_same_number(string left, string right)
    {
        Assert.True(OrderNumbers.AreSame(left, right));
    }

    [Fact]
    public void Variants_cover_latin_and_cyrillic_letters()
    {
        var variants = OrderNumbers.Variants("1234а");

        Assert.Contains("1234А", variants); // Cyrillic
        Assert.Contains("1234A", variants); // Latin
        Assert.False(OrderNumbers.AreSame("1048576", "1048577"));
    }
}
