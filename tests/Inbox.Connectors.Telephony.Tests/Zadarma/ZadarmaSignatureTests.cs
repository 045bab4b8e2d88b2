namespace Inbox.Connectors.Telephony.Tests.Zadarma;

public sealed class ZadarmaSignatureTests
{
    [Fact]
    public void The_signature_is_base64_of_the_hex_hmac_as_in_the_vector()
    {
        var signature = ZadarmaSignature.Compute("test_secret", "79161234567" + "74951234567" + "2024-05-14 10:15:30");

        Assert.Equal("NmQxN2MyNDg1NTAxN2U0YjY4ZDU2MGM2Y2QxN2U4OGY2ZWFlMGM1YQ==", signature);
        Assert.NotEqual("bRfCSFUBfkto1WDGzRfoj26uDFo=", signature);
    }

    [Fact]
    public void The_base64_of_the_raw_hmac_bytes_does_not_verify()
    {
        const string text = "79161234567" + "74951234567" + "2024-05-14 10:15:30";

        Assert.True(ZadarmaSignature.Verify("test_secret", text, "NmQxN2MyNDg1NTAxN2U0YjY4ZDU2MGM2Y2QxN2U4OGY2ZWFlMGM1YQ=="));
        Assert.False(ZadarmaSignature.Verify("test_secret", text, "bRfCSFUBfkto1WDGzRfoj26uDFo="));
        Assert.False(ZadarmaSignature.Verify("other_secret", text, "NmQxN2MyNDg1NTAxN2U0YjY4ZDU2MGM2Y2QxN2U4OGY2ZWFlMGM1YQ=="));
    }

    [Theory]
    [InlineData(ZadarmaEvents.Start, "C" + "D" + "S")]
    [InlineData(ZadarmaEvents.Internal, "C" + "D" + "S")]
    [InlineData(ZadarmaEvents.End, "C" + "D" + "S")]
    [InlineData(ZadarmaEvents.Ivr, "C" + "D" + "S")]
    [InlineData(ZadarmaEvents.Answer, "C" + "X" + "S")]
    [InlineData(ZadarmaEvents.OutStart, "I" + "X" + "S")]
    [InlineData(ZadarmaEvents.OutEnd, "I" + "X" + "S")]
    [InlineData(ZadarmaEvents.Record, "P" + "R")]
    [InlineData("NOTIFY_SMS", null)]
    public void Each_event_is_signed_over_its_own_fields(string eventName, string? expected)
    {
        var fields = new Dictionary<string, string>
        {
            ["caller_id"] = "C", ["called_did"] = "D", ["call_start"] = "S", ["destination"] = "X", ["internal"] = "I",
            ["pbx_call_id"] = "P", ["call_id_with_rec"] = "R",
        };

        Assert.Equal(expected, ZadarmaSignature.SignedText(eventName, fields.GetValueOrDefault));
    }

    [Theory]
    [InlineData("answered", CallEndReason.Answered)]
    [InlineData("busy", CallEndReason.Busy)]
    [InlineData("cancel", CallEndReason.Missed)]
    [InlineData("no answer", CallEndReason.Missed)]
    [InlineData("failed", CallEndReason.Failed)]
    [InlineData("no money", CallEndReason.Failed)]
    [InlineData("unallocated number", CallEndReason.Failed)]
    [InlineData("no limit", CallEndReason.Failed)]
    [InlineData("no day limit", CallEndReason.Failed)]
    [InlineData("line limit", CallEndReason.Failed)]
    [InlineData("no money, no limit", CallEndReason.Failed)]
    [InlineData("something new", CallEndReason.Unknown)]
    [InlineData(null, CallEndReason.Unknown)]
    public void The_disposition_gives_the_end_reason(string? disposition, CallEndReason reason) =>
        Assert.Equal(reason, ZadarmaEventConverter.EndReason(disposition));
}
