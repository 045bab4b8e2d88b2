using System.Net;
using Inbox.Connectors.Telephony.Tests.Infrastructure;

namespace Inbox.Connectors.Telephony.Tests.Zadarma;

public sealed class ZadarmaWebhookTests : IAsyncLifetime
{
    private const string Secret = "test_secret";
    private const string Start = "2024-05-14 10:15:30";
    private TelephonyTestHost _host = null!;

    public async Task InitializeAsync() => _host = await TelephonyTestHost.StartAsync(new Dictionary<string, string?> { ["Telephony:Zadarma:Secret"] = Secret });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<HttpResponseMessage> Post(HttpContent body, string? signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/zadarma") { Content = body };
        if (signature is not null)
        {
            request.Headers.Add("Signature", signature);
        }

        return _host.Client.SendAsync(request);
    }

    /// <summary>Posts a notification signed the way Zadarma signs it.</summary>
    private Task<HttpResponseMessage> Notify(params (string Name, string Value)[] fields)
    {
        string? Field(string name) => fields.FirstOrDefault(f => f.Name == name).Value;
        var signed = ZadarmaSignature.SignedText(Field("event"), Field)!;
        return Post(FormBody.Encoded(fields), ZadarmaSignature.Compute(Secret, signed));
    }

    [Fact]
    public async Task The_echo_check_answers_exactly_the_value_as_plain_text()
    {
        var response = await _host.Client.GetAsync("/webhooks/zadarma?zd_echo=a1B2c3");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("a1B2c3", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_echo_check_without_a_value_is_a_400()
    {
        var response = await _host.Client.GetAsync("/webhooks/zadarma");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_call_rings_at_the_pbx_then_at_101_is_answered_and_ends()
    {
        var responses = new[]
        {
            await Notify(("event", "NOTIFY_START"), ("call_start", Start), ("pbx_call_id", "in_1"), ("caller_id", "79161234567"), ("called_did", "74951234567")),
            await Notify(("event", "NOTIFY_INTERNAL"), ("call_start", Start), ("pbx_call_id", "in_1"), ("caller_id", "79161234567"), ("called_did", "74951234567"), ("internal", "101")),
            await Notify(("event", "NOTIFY_ANSWER"), ("call_start", Start), ("pbx_call_id", "in_1"), ("caller_id", "79161234567"), ("destination", "101"), ("internal", "101")),
            await Notify(("event", "NOTIFY_END"), ("call_start", Start), ("pbx_call_id", "in_1"), ("caller_id", "79161234567"), ("called_did", "74951234567"),
                ("internal", "101"), ("duration", "65"), ("disposition", "answered"), ("status_code", "16"), ("is_recorded", "0"), ("call_id_with_rec", "")),
        };

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var events = _host.Sink.Received;
        Assert.Equal([(CallEventKind.Ringing, null), (CallEventKind.Ringing, "101"), (CallEventKind.Answered, "101"), (CallEventKind.Ended, "101")],
            events.Select(e => (e.Kind, e.AgentExtension)));
        Assert.All(events, e => Assert.Equal((TelephonyProviders.Zadarma, "in_1", "79161234567"), (e.Provider, e.CallKey, e.CallerRaw)));
        Assert.Equal("74951234567", events[0].DialledRaw);
        Assert.Equal((CallEndReason.Answered, 65), (events[3].Reason, events[3].TalkSeconds));
        Assert.Equal(4, _host.Sink.Applied.Count);
    }

    [Fact]
    public async Task The_raw_byte_base64_signature_is_refused_and_nothing_is_recorded()
    {
        var response = await Post(FormBody.Encoded(("event", "NOTIFY_START"), ("call_start", Start), ("pbx_call_id", "in_2"),
            ("caller_id", "79161234567"), ("called_did", "74951234567")), "bRfCSFUBfkto1WDGzRfoj26uDFo=");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_host.Sink.Received);
    }

    [Fact]
    public async Task The_vector_signature_is_accepted()
    {
        var response = await Post(FormBody.Encoded(("event", "NOTIFY_START"), ("call_start", Start), ("pbx_call_id", "in_3"),
            ("caller_id", "79161234567"), ("called_did", "74951234567")), "NmQxN2MyNDg1NTAxN2U0YjY4ZDU2MGM2Y2QxN2U4OGY2ZWFlMGM1YQ==");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(_host.Sink.Received);
    }

    [Fact]
    public async Task A_missing_signature_is_refused()
    {
        var response = await Post(FormBody.Encoded(("event", "NOTIFY_START"), ("pbx_call_id", "in_4")), null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_host.Sink.Received);
    }

    [Fact]
    public async Task An_answer_signed_over_called_did_instead_of_destination_is_refused()
    {
        var fields = new[] { ("event", "NOTIFY_ANSWER"), ("call_start", Start), ("pbx_call_id", "in_5"), ("caller_id", "79161234567"),
            ("destination", "101"), ("called_did", "74951234567") };
        var response = await Post(FormBody.Encoded(fields), ZadarmaSignature.Compute(Secret, "79161234567" + "74951234567" + Start));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_host.Sink.Received);
    }

    [Fact]
    public async Task A_plus_sent_unencoded_reads_as_a_space_and_no_longer_matches_the_signature()
    {
        var signature = ZadarmaSignature.Compute(Secret, "+79161234567" + "74951234567" + Start);
        var unencoded = await Post(FormBody.Raw($"event=NOTIFY_START&call_start={Uri.EscapeDataString(Start)}&pbx_call_id=in_6&caller_id=+79161234567&called_did=74951234567"), signature);
        var encoded = await Post(FormBody.Encoded(("event", "NOTIFY_START"), ("call_start", Start), ("pbx_call_id", "in_6"), ("caller_id", "+79161234567"),
            ("called_did", "74951234567")), signature);

        Assert.Equal(HttpStatusCode.Unauthorized, unencoded.StatusCode);
        Assert.Equal(HttpStatusCode.OK, encoded.StatusCode);
        Assert.Equal("+79161234567", Assert.Single(_host.Sink.Received).CallerRaw);
    }

    [Fact]
    public async Task Outgoing_call_and_recording_notifications_are_acknowledged_and_ignored()
    {
        var outgoing = await Notify(("event", "NOTIFY_OUT_START"), ("call_start", Start), ("pbx_call_id", "out_1"), ("internal", "101"), ("destination", "79161234567"));
        var recording = await Notify(("event", "NOTIFY_RECORD"), ("pbx_call_id", "in_1"), ("call_id_with_rec", "1715670930.1234"));
        var unsigned = await Post(FormBody.Encoded(("event", "NOTIFY_SMS"), ("caller_id", "79161234567")), "anything");

        Assert.All([outgoing, recording, unsigned], r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Empty(_host.Sink.Received);
    }

    [Fact]
    public async Task An_ignored_notification_with_a_wrong_signature_is_still_refused()
    {
        var response = await Post(FormBody.Encoded(("event", "NOTIFY_OUT_START"), ("call_start", Start), ("internal", "101"), ("destination", "7916")), "bm9wZQ==");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_non_numeric_duration_is_left_out()
    {
        var response = await Notify(("event", "NOTIFY_END"), ("call_start", Start), ("pbx_call_id", "in_7"), ("caller_id", "79161234567"),
            ("called_did", "74951234567"), ("duration", "sixty"), ("disposition", "answered"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var e = Assert.Single(_host.Sink.Received);
        Assert.Equal((CallEndReason.Answered, (int?)null), (e.Reason, e.TalkSeconds));
    }

    [Fact]
    public async Task A_signed_notification_without_pbx_call_id_is_a_400()
    {
        var response = await Notify(("event", "NOTIFY_START"), ("call_start", Start), ("caller_id", "79161234567"), ("called_did", "74951234567"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_host.Sink.Received);
    }

    [Fact]
    public async Task A_retried_notification_is_acknowledged_and_applied_once()
    {
        (string, string)[] fields = [("event", "NOTIFY_START"), ("call_start", Start), ("pbx_call_id", "in_8"), ("caller_id", "anonymous"), ("called_did", "74951234567")];
        var first = await Notify(fields);
        var second = await Notify(fields);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.Single(_host.Sink.Applied);
        Assert.Equal("anonymous", _host.Sink.Applied[0].CallerRaw);
    }

    [Fact]
    public async Task A_body_that_is_not_a_form_is_refused_with_415()
    {
        var response = await Post(FormBody.Json("""{"event":"NOTIFY_START"}"""), "c2ln");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Empty(_host.Sink.Received);
    }
}
