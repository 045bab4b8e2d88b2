using Inbox.Connectors.Twilio;
using System.Net;
using Inbox.Connectors.Telephony.Tests.Infrastructure;

namespace Inbox.Connectors.Telephony.Tests.Twilio;

public sealed class TwilioVoiceWebhookTests : IAsyncLifetime
{
    private const string Token = "test_auth_token_0123456789abcdef";
    private const string PublicBase = "https://inbox.example.com";
    private TelephonyTestHost _host = null!;

    public async Task InitializeAsync() => _host = await Start();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static Task<TelephonyTestHost> Start(string? forwardTo = null) => TelephonyTestHost.StartAsync(new Dictionary<string, string?>
    {
        ["Channels:Twilio:AuthToken"] = Token,
        ["Channels:Twilio:PublicBaseUrl"] = PublicBase + "/",
        ["Telephony:Twilio:ForwardTo"] = forwardTo,
    });

    private static (string Name, string Value)[] Incoming(string callSid = "CA0123456789abcdef0123456789abcdef", string status = "ringing", string from = "+79161234567") =>
    [
        ("CallSid", callSid), ("AccountSid", "AC0123456789abcdef0123456789abcdef"), ("From", from), ("To", "+74951234567"),
        ("Caller", from), ("Called", "+74951234567"), ("CallStatus", status), ("ApiVersion", "2010-04-01"), ("Direction", "inbound"),
        ("FromCountry", "RU"), ("StirVerstat", "TN-Validation-Passed-A"),
    ];

    private static string Sign(string url, IEnumerable<(string Name, string Value)> fields) =>
        TwilioSignature.Compute(Token, url, fields.Select(f => KeyValuePair.Create(f.Name, f.Value)));

    private Task<HttpResponseMessage> Post(TelephonyTestHost host, string pathAndQuery, HttpContent content, string? signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, pathAndQuery) { Content = content };
        if (signature is not null)
        {
            request.Headers.Add("X-Twilio-Signature", signature);
        }

        return host.Client.SendAsync(request);
    }

    private Task<HttpResponseMessage> PostSigned((string Name, string Value)[] fields, string pathAndQuery = "/webhooks/twilio/voice", TelephonyTestHost? host = null) =>
        Post(host ?? _host, pathAndQuery, FormBody.Encoded(fields), Sign(PublicBase + pathAndQuery, fields));

    [Fact]
    public async Task An_incoming_call_signed_over_the_public_url_rings_and_gets_empty_twiml()
    {
        var response = await PostSigned(Incoming(), "/webhooks/twilio/voice?tenant=acme");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""<?xml version="1.0" encoding="UTF-8"?><Response/>""", await response.Content.ReadAsStringAsync());
        var e = Assert.Single(_host.Sink.Received);
        Assert.Equal((TelephonyProviders.Twilio, "CA0123456789abcdef0123456789abcdef", CallEventKind.Ringing, CallDirection.Inbound),
            (e.Provider, e.CallKey, e.Kind, e.Direction));
        Assert.Equal(("+79161234567", "+74951234567", (string?)null), (e.CallerRaw, e.DialledRaw, e.AgentExtension));
    }

    [Fact]
    public async Task A_signature_computed_with_the_default_port_is_accepted()
    {
        var fields = Incoming();
        var response = await Post(_host, "/webhooks/twilio/voice", FormBody.Encoded(fields), Sign("https://inbox.example.com:443/webhooks/twilio/voice", fields));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(_host.Sink.Received);
    }

    [Fact]
    public async Task A_signature_over_the_url_without_its_query_is_refused()
    {
        var fields = Incoming();
        var response = await Post(_host, "/webhooks/twilio/voice?tenant=acme", FormBody.Encoded(fields), Sign(PublicBase + "/webhooks/twilio/voice", fields));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(_host.Sink.Received);
    }

    [Fact]
    public async Task A_signature_over_the_internal_url_is_refused_when_a_public_url_is_configured()
    {
        var fields = Incoming();
        var internalUrl = _host.Client.BaseAddress!.ToString().TrimEnd('/') + "/webhooks/twilio/voice";
        var response = await Post(_host, "/webhooks/twilio/voice", FormBody.Encoded(fields), Sign(internalUrl, fields));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0/KCTR6DLpKmkAf8muzZqo1nDgQ=")]
    public async Task A_missing_or_wrong_signature_is_refused_with_403_and_nothing_is_recorded(string? signature)
    {
        var response = await Post(_host, "/webhooks/twilio/voice", FormBody.Encoded(Incoming()), signature);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(_host.Sink.Received);
    }

    [Fact]
    public async Task A_plus_sent_unencoded_reads_as_a_space_and_no_longer_matches_the_signature()
    {
        var fields = Incoming();
        var body = string.Join('&', fields.Select(f => f.Name + "=" + f.Value.Replace(" ", "%20", StringComparison.Ordinal)));
        var response = await Post(_host, "/webhooks/twilio/voice", FormBody.Raw(body), Sign(PublicBase + "/webhooks/twilio/voice", fields));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(_host.Sink.Received);
    }

    [Fact]
    public async Task Unseen_parameters_are_signed_over_and_accepted()
    {
        var response = await PostSigned([.. Incoming(), ("SomethingNew", "value"), ("CallToken", "%7B%22x%22%7D")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task With_a_forward_number_a_ringing_call_is_dialled_through()
    {
        await using var host = await Start(forwardTo: "+74951234567");
        var response = await PostSigned(Incoming(), host: host);

        Assert.Equal("""<?xml version="1.0" encoding="UTF-8"?><Response><Dial>+74951234567</Dial></Response>""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Status_callbacks_answer_and_end_the_call_with_its_duration()
    {
        await PostSigned(Incoming());
        await PostSigned([.. Incoming(status: "in-progress"), ("SequenceNumber", "1")]);
        await PostSigned([.. Incoming(status: "completed"), ("CallDuration", "65"), ("SequenceNumber", "2"), ("Timestamp", "Tue, 14 May 2024 10:16:35 +0000")]);

        var events = _host.Sink.Received;
        Assert.Equal([CallEventKind.Ringing, CallEventKind.Answered, CallEventKind.Ended], events.Select(e => e.Kind));
        Assert.Equal((CallEndReason.Answered, 65, (long?)2), (events[2].Reason, events[2].TalkSeconds, events[2].Seq));
        Assert.Equal(new DateTimeOffset(2024, 5, 14, 10, 16, 35, TimeSpan.Zero), events[2].OccurredAt);
    }

    [Fact]
    public async Task A_child_leg_belongs_to_its_parent_call()
    {
        await PostSigned([.. Incoming(callSid: "CAchild", status: "ringing"), ("ParentCallSid", "CAparent")]);

        var e = Assert.Single(_host.Sink.Received);
        Assert.Equal(("CAparent", "CAchild"), (e.CallKey, e.LegId));
    }

    [Theory]
    [InlineData("queued", CallEventKind.Ringing, null)]
    [InlineData("ringing", CallEventKind.Ringing, null)]
    [InlineData("in-progress", CallEventKind.Answered, null)]
    [InlineData("completed", CallEventKind.Ended, CallEndReason.Answered)]
    [InlineData("busy", CallEventKind.Ended, CallEndReason.Busy)]
    [InlineData("failed", CallEventKind.Ended, CallEndReason.Failed)]
    [InlineData("no-answer", CallEventKind.Ended, CallEndReason.Missed)]
    [InlineData("canceled", CallEventKind.Ended, CallEndReason.Cancelled)]
    public void The_call_status_gives_the_event(string status, CallEventKind kind, CallEndReason? reason)
    {
        var fields = Incoming(status: status).ToDictionary(f => f.Name, f => f.Value);
        var e = TwilioVoiceConverter.Convert(fields.GetValueOrDefault, DateTimeOffset.UnixEpoch)!;

        Assert.Equal((kind, reason), (e.Kind, e.Reason));
    }

    [Fact]
    public async Task An_unknown_call_status_is_acknowledged_and_ignored()
    {
        var response = await PostSigned(Incoming(status: "initiated-somehow"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(_host.Sink.Received);
    }

    [Theory]
    [InlineData("sip:+79161234567@example.sip.twilio.com;user=phone", "+79161234567")]
    [InlineData("tel:+7-916-123-45-67", "+7-916-123-45-67")]
    [InlineData("client:alice", "client:alice")]
    [InlineData("+266696687", "+266696687")]
    [InlineData("anonymous", "anonymous")]
    public async Task The_caller_is_passed_on_raw_with_only_sip_and_tel_unwrapped(string from, string expected)
    {
        var response = await PostSigned(Incoming(from: from));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, Assert.Single(_host.Sink.Received).CallerRaw);
    }

    [Fact]
    public async Task A_signed_request_without_call_sid_is_a_400()
    {
        (string, string)[] fields = [("From", "+79161234567"), ("CallStatus", "ringing")];
        var response = await PostSigned(fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_host.Sink.Received);
    }

    [Fact]
    public async Task A_json_body_is_refused_415_when_signed_and_403_when_not()
    {
        var url = PublicBase + "/webhooks/twilio/voice";
        var signed = await Post(_host, "/webhooks/twilio/voice", FormBody.Json("""{"CallSid":"CA1"}"""), TwilioSignature.Compute(Token, url, []));
        var unsigned = await Post(_host, "/webhooks/twilio/voice", FormBody.Json("""{"CallSid":"CA1"}"""), "bm9wZQ==");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, signed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, unsigned.StatusCode);
        Assert.Empty(_host.Sink.Received);
    }

    [Fact]
    public async Task An_oversized_form_is_refused_with_413()
    {
        var response = await PostSigned([.. Incoming(), ("Padding", new string('x', WebhookRequests.MaxBodyBytes))]);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(_host.Sink.Received);
    }

    [Fact]
    public async Task A_retried_webhook_is_answered_again_and_applied_once()
    {
        var first = await PostSigned(Incoming());
        var second = await PostSigned(Incoming());

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.Single(_host.Sink.Applied);
    }
}
