using Inbox.Domain.Routing;

namespace Inbox.Domain.Tests;

/// <summary>The customer's language read from the letters of a message.</summary>
public sealed class CustomerLanguageTests
{
    [Theory]
    [InlineData("Де моє замовлення?", "uk")]
    [InlineData("Привіт", "uk")]
    [InlineData("ЇЖАК", "uk")]
    [InlineData("Ґанок є", "uk")]
    [InlineData("Где мой заказ?", "ru")]
    [InlineData("Ёлка", "ru")]
    [InlineData("Заказ 12345 order", "ru")]
    [InlineData("Where is my order?", "en")]
    [InlineData("order #123 👍", "en")]
    [InlineData("12345", null)]
    [InlineData("👋🙂", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Letters_tell_the_language(string? text, string? language) => Assert.Equal(language, CustomerLanguage.Detect(text));
}
