namespace Inbox.Connectors.Email.Tests;

/// <summary>The display cut of §4: at the first quote, attribution, original-message line, Outlook header block or signature.</summary>
public sealed class EmailQuoteFolderTests
{
    [Theory]
    [InlineData("Спасибо!\n\n> Ваш заказ передан курьеру.\n> Магазин", "Спасибо!")]
    [InlineData("Спасибо!\n\nOn Mon, 4 Mar 2024 at 10:00, Shop <support@shop.example> wrote:\n> Ваш заказ", "Спасибо!")]
    [InlineData("Спасибо!\n\nOn Mon, 4 Mar 2024 at 10:00, Shop Support <\nsupport@shop.example> wrote:\n\n> Ваш заказ", "Спасибо!")]
    [InlineData("Спасибо!\n\n04.03.2024 10:00, Магазин пишет:\n> Ваш заказ", "Спасибо!")]
    [InlineData("Спасибо!\n\nМагазин написал(а):\n> Ваш заказ", "Спасибо!")]
    [InlineData("Спасибо!\n\nпн, 4 мар. 2024 г. в 10:00, Магазин <support@shop.example>:\n\n> Ваш заказ", "Спасибо!")]
    [InlineData("Да.\n\n-----Original Message-----\nFrom: Shop\nSent: Monday\n\nВаш заказ", "Да.")]
    [InlineData("Да.\n\n-------- Исходное сообщение --------\nОт: Магазин\n\nВаш заказ", "Да.")]
    [InlineData("Да.\n\nFrom: Shop <support@shop.example>\nSent: Monday, March 4, 2024 10:00 AM\nTo: Ivan\nSubject: Order\n\nВаш заказ", "Да.")]
    [InlineData("Да.\n\n________________________________\nОт: Магазин <support@shop.example>\nОтправлено: 4 марта 2024 г. 18:00\n\nВаш заказ", "Да.")]
    [InlineData("Да.\n\n*From:* Shop\n*Date:* Monday\n\nВаш заказ", "Да.")]
    [InlineData("Прикладываю счёт.\n\n-- \nРоман\n+7 916 123-45-67", "Прикладываю счёт.")]
    [InlineData("Прикладываю счёт.\n--\nРоман", "Прикладываю счёт.")]
    public void The_display_is_cut_at_the_first_quote_or_signature(string text, string display) =>
        Assert.Equal(display, EmailQuoteFolder.Fold(text));

    [Theory]
    [InlineData("> only a quote\n> nothing else")]
    [InlineData("-- \nonly a signature")]
    [InlineData("Иван пишет:\n> цитата")]
    public void When_nothing_would_be_left_the_full_text_is_shown(string text) => Assert.Equal(text, EmailQuoteFolder.Fold(text));

    [Theory]
    [InlineData("В заказе ошибка.\nОператор написал, что привезут завтра.\nЖду.")]
    [InlineData("Мой адрес: Москва, ул. Ленина, 1\nОт: подъезда направо")]
    [InlineData("Цена -- 500 рублей, а не 700.")]
    [InlineData("Ссылка: https://shop.example/a->b")]
    public void Ordinary_text_is_not_cut(string text) => Assert.Equal(text, EmailQuoteFolder.Fold(text));

    [Fact]
    public void A_wrapped_attribution_is_cut_at_its_start_but_the_customers_own_line_above_is_kept()
    {
        Assert.Equal("В заказе ошибка.", EmailQuoteFolder.Fold("В заказе ошибка.\nИван пишет:\n> цитата"));
    }

    [Fact]
    public void The_html_quote_position_cuts_the_display()
    {
        Assert.Equal("Спасибо", EmailQuoteFolder.Fold("Спасибо\n\nцитата из письма", htmlQuoteStart: 7));
    }
}
