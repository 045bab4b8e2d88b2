namespace Inbox.Connectors.Twilio.Tests;

public sealed class TwilioErrorCodesTests
{
    [Theory]
    [InlineData(21610, "STOP", false, true)]
    [InlineData(63016, "24 hours", false, false)]
    [InlineData(21211, "not a valid phone number", false, false)]
    [InlineData(21614, "not a mobile number", false, false)]
    [InlineData(30003, "unreachable", true, false)]
    [InlineData(30005, "unknown or no longer in service", false, false)]
    [InlineData(30006, "landline", false, false)]
    [InlineData(30007, "spam", false, false)]
    [InlineData(30008, "gave no reason", false, false)]
    [InlineData(20429, "limiting", true, false)]
    [InlineData(20003, "credentials", true, false)]
    [InlineData(21408, "Geo Permissions", false, false)]
    [InlineData(21617, "1600", false, false)]
    public void Known_codes_read_as_operators_understand_them(int code, string words, bool transient, bool unreachable)
    {
        var description = TwilioErrorCodes.Describe(code, "Twilio's own words");

        Assert.Equal(code, description.Code);
        Assert.Contains(words, description.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.EndsWith($"(Twilio error {code}).", description.Reason);
        Assert.DoesNotContain("Twilio's own words", description.Reason);
        Assert.Equal(transient, description.Transient);
        Assert.Equal(unreachable, description.RecipientUnreachable);
    }

    [Fact]
    public void Only_STOP_makes_the_customer_unreachable()
    {
        Assert.Equal([21610], TwilioErrorCodes.Known.Where(c => TwilioErrorCodes.Describe(c).RecipientUnreachable));
    }

    [Fact]
    public void An_unknown_code_keeps_Twilios_message_with_numbers_masked()
    {
        var description = TwilioErrorCodes.Describe(12345, "The 'To' number +7 912 345-67-89 is not reachable.");

        Assert.Equal("Twilio did not take the message: The 'To' number [number] is not reachable (Twilio error 12345).", description.Reason);
        Assert.False(description.Transient);
        Assert.False(description.RecipientUnreachable);
    }

    [Fact]
    public void An_unknown_code_without_a_message_points_to_its_documentation()
    {
        Assert.Contains("https://www.twilio.com/docs/errors/12345", TwilioErrorCodes.Describe(12345).Reason);
        Assert.Equal("Twilio did not take the message and gave no reason.", TwilioErrorCodes.Describe(null).Reason);
    }

    [Theory]
    [InlineData("30007", 30007)]
    [InlineData(" 63016 ", 63016)]
    [InlineData("", null)]
    [InlineData("abc", null)]
    [InlineData("-1", null)]
    [InlineData(null, null)]
    public void ErrorCode_is_read_from_a_callback(string? text, int? expected)
    {
        Assert.Equal(expected, TwilioErrorCodes.Parse(text));
    }

    [Theory]
    [InlineData("queued", ReceiptStatus.Sent)]
    [InlineData("accepted", ReceiptStatus.Sent)]
    [InlineData("sending", ReceiptStatus.Sent)]
    [InlineData("sent", ReceiptStatus.Sent)]
    [InlineData("delivered", ReceiptStatus.Delivered)]
    [InlineData("read", ReceiptStatus.Delivered)]
    [InlineData("undelivered", ReceiptStatus.Failed)]
    [InlineData("failed", ReceiptStatus.Failed)]
    [InlineData("canceled", ReceiptStatus.Failed)]
    [InlineData("receiving", null)]
    [InlineData("something-new", null)]
    public void Statuses_map_to_receipts(string status, ReceiptStatus? expected)
    {
        Assert.Equal(expected, TwilioMessageStatus.ToReceipt(status));
    }
}
