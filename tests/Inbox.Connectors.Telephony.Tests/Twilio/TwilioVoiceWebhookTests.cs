using System.Net;
using System.Xml.Linq;
using Inbox.Connectors.Telephony.Tests.Infrastructure;
using Inbox.Connectors.Testing;
using Inbox.Connectors.Twilio;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Inbox.Connectors.Telephony.Tests.Twilio;

public sealed class TwilioVoiceWebhookTests : IAsyncLifetime
{
    private const string Token = "test_auth_token_0123456789abcdef";
    private const string PublicBase = "https://inbox.example.com";
    private TelephonyTestHost _host = null!;

    public async Task InitializeAsync() => _host = await Start();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static Task<TelephonyTestHost> Start(string? forwardTo = null, Dictionary<string, string?>? settings = null) =>
        TelephonyTestHost.StartAsync(new Dictionary<string, string?>(settings ?? [])
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

    private static (string Name, string Value)[] Outbound(string status) =>
        [.. Incoming(status: status).Where(f => f.Name != "Direction"), ("Direction", "outbound-api")];

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
    public async Task An_incoming_call_signed_over_the_public_url_rings_and_without_a_forward_number_hears_the_message_and_is_missed()
    {
        var response = await PostSigned(Incoming(), "/webhooks/twilio/voice?tenant=acme");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        var twiml = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal(["Say", "Hangup"], twiml.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("ru-RU", twiml.Element("Say")!.Attribute("language")!.Value);
        Assert.Equal(TwilioVoiceTexts.UnavailableMessage("ru-RU"), twiml.Element("Say")!.Value);
        Assert.Contains("перезвоним", twiml.Element("Say")!.Value, StringComparison.Ordinal);
        var events = _host.Sink.Applied;
        Assert.Equal([CallEventKind.Ringing, CallEventKind.Ended], events.Select(e => e.Kind));
        var e = events[0];
        Assert.Equal((TelephonyProviders.Twilio, "CA0123456789abcdef0123456789abcdef", CallDirection.Inbound),
            (e.Provider, e.CallKey, e.Direction));
        Assert.Equal(("+79161234567", "+74951234567", (string?)null), (e.CallerRaw, e.DialledRaw, e.AgentExtension));
        Assert.Equal((CallEndReason.Missed, (int?)null), (events[1].Reason, events[1].TalkSeconds));
    }

    [Fact]
    public async Task The_message_and_its_language_are_configurable()
    {
        await using var host = await Start(settings: new() { ["Telephony:Twilio:Language"] = "en-GB", ["Telephony:Twilio:UnavailableMessage"] = "Sorry & goodbye <3" });
        var response = await PostSigned(Incoming(), host: host);

        Assert.Equal("""<?xml version="1.0" encoding="UTF-8"?><Response><Say language="en-GB">Sorry &amp; goodbye &lt;3</Say><Hangup/></Response>""",
            await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("en-US", null, true)]
    [InlineData("de-DE", null, false)]
    [InlineData("de-DE", "Alle Leitungen sind belegt.", true)]
    [InlineData("not a language", "x", false)]
    public void A_language_without_a_message_stops_the_start(string language, string? message, bool valid)
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Channels:Twilio:AuthToken"] = Token, ["Telephony:Twilio:Language"] = language, ["Telephony:Twilio:UnavailableMessage"] = message,
        }).Build();
        new TelephonyModule().AddServices(services, configuration);

        var error = Record.Exception(() => StartupValidation.Run(services));

        Assert.Equal(valid, error is null);
        if (!valid)
        {
            Assert.Contains("Telephony:Twilio:", Assert.IsType<OptionsValidationException>(error).Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_signature_computed_with_the_default_port_is_accepted()
    {
        var fields = Incoming();
        var response = await Post(_host, "/webhooks/twilio/voice", FormBody.Encoded(fields), Sign("https://inbox.example.com:443/webhooks/twilio/voice", fields));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(_host.Sink.Received);
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
    public async Task With_a_forward_number_a_new_call_is_dialled_with_a_signed_action_and_status_callbacks_on_the_public_url()
    {
        await using var host = await Start(forwardTo: "+74957654321");
        var response = await PostSigned(Incoming(), "/webhooks/twilio/voice?tenant=acme", host: host);

        var dial = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!.Element("Dial")!;
        Assert.Equal(PublicBase + "/webhooks/twilio/voice/dial?tenant=acme", dial.Attribute("action")!.Value);
        Assert.Equal(("POST", "30"), (dial.Attribute("method")!.Value, dial.Attribute("timeout")!.Value));
        var number = dial.Element("Number")!;
        Assert.Equal("+74957654321", number.Value);
        Assert.Equal(PublicBase + "/webhooks/twilio/voice?tenant=acme", number.Attribute("statusCallback")!.Value);
        Assert.Equal("initiated ringing answered completed", number.Attribute("statusCallbackEvent")!.Value);
        Assert.Equal([CallEventKind.Ringing], host.Sink.Applied.Select(e => e.Kind));
    }

    [Fact]
    public async Task The_callers_leg_that_twilio_answers_itself_is_neither_an_answer_nor_talk_time()
    {
        await using var host = await Start(forwardTo: "+74957654321");
        await PostSigned(Incoming(), host: host);
        var answered = await PostSigned([.. Incoming(status: "in-progress"), ("SequenceNumber", "1")], host: host);
        var completed = await PostSigned([.. Incoming(status: "completed"), ("CallDuration", "32"), ("SequenceNumber", "2")], host: host);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (answered.StatusCode, completed.StatusCode));
        var events = host.Sink.Received;
        Assert.Equal([CallEventKind.Ringing, CallEventKind.Ended], events.Select(e => e.Kind));
        // No reason and no talk time: the host decides by whether the forwarded leg was answered (here: it was not, so missed).
        Assert.Equal(((CallEndReason?)null, (int?)null), (events[1].Reason, events[1].TalkSeconds));
    }

    private static (string Name, string Value)[] Dialled(string status, string sequence) =>
    [
        ("CallSid", ChildSid), ("ParentCallSid", "CA0123456789abcdef0123456789abcdef"), ("AccountSid", "AC0123456789abcdef0123456789abcdef"),
        ("From", "+79161234567"), ("To", "+74957654321"), ("Caller", "+79161234567"), ("Called", "+74957654321"), ("CallStatus", status),
        ("Direction", "outbound-dial"), ("ApiVersion", "2010-04-01"), ("CallbackSource", "call-progress-events"), ("SequenceNumber", sequence),
        ("Timestamp", "Tue, 14 May 2024 10:16:0" + sequence + " +0000"),
    ];

    private const string ChildSid = "CAfedcba9876543210fedcba9876543210";

    private static (string Name, string Value)[] DialAction(string dialStatus, string duration) =>
    [
        .. Incoming(status: dialStatus == "canceled" ? "completed" : "in-progress"),
        ("DialCallStatus", dialStatus), ("DialCallSid", ChildSid), ("DialCallDuration", duration), ("DialBridged", dialStatus == "completed" ? "true" : "false"),
    ];

    [Fact]
    public async Task A_forwarded_call_no_one_answers_ends_missed_and_the_caller_hears_the_message()
    {
        await using var host = await Start(forwardTo: "+74957654321");
        await PostSigned(Incoming(), host: host);
        await PostSigned(Dialled("initiated", "0"), host: host);
        await PostSigned(Dialled("ringing", "1"), host: host);
        var action = await PostSigned(DialAction("no-answer", "0"), TwilioVoiceEndpoints.DialActionPath, host);
        await PostSigned(Dialled("no-answer", "2"), host: host);
        await PostSigned([.. Incoming(status: "completed"), ("CallDuration", "38")], host: host);

        Assert.Equal(HttpStatusCode.OK, action.StatusCode);
        Assert.Equal(["Say", "Hangup"], XDocument.Parse(await action.Content.ReadAsStringAsync()).Root!.Elements().Select(e => e.Name.LocalName));
        var applied = host.Sink.Applied;
        Assert.DoesNotContain(applied, e => e.Kind == CallEventKind.Answered);
        var end = Assert.Single(applied, e => e.Kind == CallEventKind.Ended);
        Assert.Equal((CallEndReason.Missed, (int?)null, ChildSid), (end.Reason, end.TalkSeconds, end.LegId));
        Assert.All(host.Sink.Received, e => Assert.Equal(("CA0123456789abcdef0123456789abcdef", CallDirection.Inbound, "+79161234567"), (e.CallKey, e.Direction, e.CallerRaw)));
    }

    [Fact]
    public async Task A_forwarded_call_that_is_answered_counts_talk_time_from_the_answer_of_the_dialled_leg()
    {
        await using var host = await Start(forwardTo: "+74957654321");
        await PostSigned(Incoming(), host: host);
        await PostSigned(Dialled("ringing", "1"), host: host);
        await PostSigned(Dialled("in-progress", "2"), host: host);
        var action = await PostSigned(DialAction("completed", "42"), TwilioVoiceEndpoints.DialActionPath, host);
        await PostSigned([.. Dialled("completed", "3"), ("CallDuration", "42")], host: host);
        await PostSigned([.. Incoming(status: "completed"), ("CallDuration", "61")], host: host);

        Assert.Equal(TwilioVoiceEndpoints.HangupTwiml, await action.Content.ReadAsStringAsync());
        var applied = host.Sink.Applied;
        Assert.Equal([CallEventKind.Ringing, CallEventKind.Ringing, CallEventKind.Answered, CallEventKind.Ended], applied.Select(e => e.Kind));
        Assert.Equal(new DateTimeOffset(2024, 5, 14, 10, 16, 2, TimeSpan.Zero), applied[2].OccurredAt);
        Assert.Equal((CallEndReason.Answered, (int?)42), (applied[3].Reason, applied[3].TalkSeconds));
    }

    [Theory]
    [InlineData("busy", CallEndReason.Busy, true)]
    [InlineData("failed", CallEndReason.Failed, true)]
    [InlineData("no-answer", CallEndReason.Missed, true)]
    [InlineData("canceled", CallEndReason.Cancelled, false)]
    [InlineData("answered", CallEndReason.Answered, false)]
    public async Task The_dial_status_is_the_calls_outcome(string dialStatus, CallEndReason reason, bool message)
    {
        var response = await PostSigned(DialAction(dialStatus, "0"), TwilioVoiceEndpoints.DialActionPath);

        var e = Assert.Single(_host.Sink.Applied);
        Assert.Equal((CallEventKind.Ended, reason, "CA0123456789abcdef0123456789abcdef"), (e.Kind, e.Reason, e.CallKey));
        Assert.Equal(message, (await response.Content.ReadAsStringAsync()).Contains("<Say", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("0/KCTR6DLpKmkAf8muzZqo1nDgQ=")]
    public async Task A_dial_action_without_the_right_signature_is_refused(string? signature)
    {
        var response = await Post(_host, TwilioVoiceEndpoints.DialActionPath, FormBody.Encoded(DialAction("completed", "42")), signature);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(_host.Sink.Received);
    }

    [Fact]
    public async Task A_dial_action_signed_for_the_voice_url_is_refused()
    {
        var fields = DialAction("completed", "42");
        var response = await Post(_host, TwilioVoiceEndpoints.DialActionPath, FormBody.Encoded(fields), Sign(PublicBase + TwilioVoiceEndpoints.Path, fields));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(_host.Sink.Received);
    }

    [Fact]
    public async Task Status_callbacks_of_an_outbound_call_answer_and_end_it_with_its_duration()
    {
        await PostSigned(Outbound("ringing"));
        await PostSigned([.. Outbound("in-progress"), ("SequenceNumber", "1")]);
        await PostSigned([.. Outbound("completed"), ("CallDuration", "65"), ("SequenceNumber", "2"), ("Timestamp", "Tue, 14 May 2024 10:16:35 +0000")]);

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
    [InlineData("initiated", CallEventKind.Ringing, null)]
    [InlineData("ringing", CallEventKind.Ringing, null)]
    [InlineData("in-progress", CallEventKind.Answered, null)]
    [InlineData("completed", CallEventKind.Ended, CallEndReason.Answered)]
    [InlineData("busy", CallEventKind.Ended, CallEndReason.Busy)]
    [InlineData("failed", CallEventKind.Ended, CallEndReason.Failed)]
    [InlineData("no-answer", CallEventKind.Ended, CallEndReason.Missed)]
    [InlineData("canceled", CallEventKind.Ended, CallEndReason.Cancelled)]
    public void The_call_status_of_a_dialled_leg_gives_the_event(string status, CallEventKind kind, CallEndReason? reason)
    {
        var fields = Dialled(status, "1").ToDictionary(f => f.Name, f => f.Value);
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
        Assert.NotEmpty(_host.Sink.Received);
        Assert.All(_host.Sink.Received, e => Assert.Equal(expected, e.CallerRaw));
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
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal([CallEventKind.Ringing, CallEventKind.Ended], _host.Sink.Applied.Select(e => e.Kind));
        Assert.Equal(4, _host.Sink.Received.Count);
    }
}
