namespace Inbox.Connectors.Email.Tests;

/// <summary>One "Re:", never stacked, whatever the customer's mail client did.</summary>
public sealed class EmailSubjectsTests
{
    [Theory]
    [InlineData("Где мой заказ?", "Re: Где мой заказ?")]
    [InlineData("Re: Где мой заказ?", "Re: Где мой заказ?")]
    [InlineData("RE: Re: re:Где мой заказ?", "Re: Где мой заказ?")]
    [InlineData("Re[2]: Re(3): Заказ", "Re: Заказ")]
    [InlineData("Ответ: Отв: Заказ", "Re: Заказ")]
    [InlineData("AW: SV: Antw: Order", "Re: Order")]
    [InlineData("Fwd: Подозрительный звонок", "Re: Fwd: Подозрительный звонок")]
    [InlineData("  Re:   Заказ\r\n  1048576  ", "Re: Заказ 1048576")]
    [InlineData("Reform order", "Re: Reform order")]
    [InlineData("", "Re: Служба поддержки")]
    [InlineData("Re:", "Re: Служба поддержки")]
    public void A_reply_subject_has_exactly_one_re(string subject, string expected) =>
        Assert.Equal(expected, EmailSubjects.Reply(subject, "Служба поддержки"));
}
