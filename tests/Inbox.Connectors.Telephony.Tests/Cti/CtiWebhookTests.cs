using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Inbox.Connectors.Telephony.Tests.Infrastructure;

namespace Inbox.Connectors.Telephony.Tests.Cti;

public sealed class CtiWebhookTests : IAsyncLifetime
{
    private const string Token = "cti-token-0123456789";
    private const string Url = "/webhooks/cti/" + Token;
    private TelephonyTestHost _host = null!;

    public async Task InitializeAsync() => _host = await TelephonyTestHost.StartAsync(new Dictionary<string, string?> { ["Telephony:Cti:Token"] = Token });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<HttpResponseMessage> PostJson(string json, string url = Url) => _host.Client.PostAsync(url, FormBody.Json(json));

    private static string Json(string eventName, string callId, string extra = "") =>
        $$"""{"event":"{{eventName}}","from":"89161234567","to":"74951234567","direction":"in","callId":"{{callId}}"{{extra}}}""";

    [Fact]
    public async Task A_whole_call_is_ringing_answered_and_ended_and_each_event_is_answered_with_an_empty_object()
    {
        foreach (var body in new[]
                 {
                     Json("newCall", "c-1", ""","user":["Alice"]"""),
                     Json("answer", "c-1", ""","answeringNumber":"101","user":"Alice" """.TrimEnd()),
                     Json("hangup", "c-1", ""","cause":"normalClearing","answeringNumber":"101" """.TrimEnd()),
                 })
        {
            var response = await PostJson(body);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("{}", await response.Content.ReadAsStringAsync());
        }

        var events = _host.Sink.Received;
        Assert.Equal([CallEventKind.Ringing, CallEventKind.Answered, CallEventKind.Ended], events.Select(e => e.Kind));
        Assert.All(events, e => Assert.Equal((TelephonyProviders.Cti, "c-1", CallDirection.Inbound, "89161234567", "74951234567"),
            (e.Provider, e.CallKey, e.Direction, e.CallerRaw, e.DialledRaw)));
        Assert.Equal(["Alice", "101", "101"], events.Select(e => e.AgentExtension));
        Assert.Equal(CallEndReason.Answered, events[2].Reason);
        Assert.NotNull(events[2].TalkSeconds);
        Assert.NotNull(events[1].WaitSeconds);
    }

    [Theory]
    [InlineData("wrong-token")]
    [InlineData("cti-token-012345678")]
    [InlineData("CTI-TOKEN-0123456789")]
    public async Task A_wrong_token_is_refused_with_zammads_message_and_nothing_is_recorded(string token)
    {
        var response = await PostJson(Json("newCall", "c-1"), "/webhooks/cti/" + token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("""{"error":"Invalid token, please contact your admin!"}""", await response.Content.ReadAsStringAsync());
        Assert.Empty(_host.Sink.Received);
    }

    [Fact]
    public async Task The_token_is_checked_before_the_body_is_read()
    {
        var response = await _host.Client.PostAsync("/webhooks/cti/wrong", new StringContent("not json at all", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("inbound")]
    [InlineData("incoming")]
    [InlineData("")]
    [InlineData(null)]
    public async Task A_direction_other_than_in_or_out_is_refused_with_422(string? direction)
    {
        var field = direction is null ? "" : $"\"direction\":\"{direction}\",";
        var response = await PostJson($$"""{"event":"newCall",{{field}}"from":"89161234567","to":"74951234567","callId":"c-9"}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("""{"error":"Invalid direction!"}""", await response.Content.ReadAsStringAsync());
        Assert.Empty(_host.Sink.Received);
    }

    [Theory]
    [InlineData("IN", CallDirection.Inbound)]
    [InlineData("in", CallDirection.Inbound)]
    [InlineData("Out", CallDirection.Outbound)]
    public async Task In_and_out_are_accepted_in_any_case(string direction, CallDirection expected)
    {
        var response = await PostJson($$"""{"event":"newCall","direction":"{{direction}}","from":"101","to":"89161234567","callId":"c-{{direction}}"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, Assert.Single(_host.Sink.Received).Direction);
    }

    [Theory]
    [InlineData("""{"event":"transfer","direction":"in","callId":"c-1"}""", "Invalid event!")]
    [InlineData("""{"direction":"in","callId":"c-1"}""", "Invalid event!")]
    [InlineData("""{"event":"newCall","direction":"in"}""", "callId is required!")]
    [InlineData("""{"event":"newCall","direction":"in","callId":"   "}""", "callId is required!")]
    public async Task An_unknown_event_or_a_missing_call_id_is_refused_with_422(string json, string error)
    {
        var response = await PostJson(json);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal($$"""{"error":"{{error}}"}""", await response.Content.ReadAsStringAsync());
        Assert.Empty(_host.Sink.Received);
    }

    [Fact]
    public async Task A_call_id_over_250_characters_is_refused()
    {
        var response = await PostJson(Json("newCall", new string('x', 251)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Empty(_host.Sink.Received);
    }

    [Fact]
    public async Task Call_id_may_be_spelled_call_id_and_numbers_may_be_json_numbers()
    {
        var response = await PostJson("""{"event":"newCall","direction":"in","from":493055571600,"to":2214710334,"call_id":"c-snake","extra":{"ignored":true}}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var e = Assert.Single(_host.Sink.Received);
        Assert.Equal(("c-snake", "493055571600", "2214710334"), (e.CallKey, e.CallerRaw, e.DialledRaw));
    }

    [Fact]
    public async Task Url_encoded_form_data_with_repeated_user_fields_is_read()
    {
        var response = await _host.Client.PostAsync(Url, FormBody.Encoded(("event", "newCall"), ("from", "89161234567"), ("to", "74951234567"),
            ("direction", "in"), ("callId", "c-form"), ("user[]", "Alice"), ("user[]", "Bob"), ("queue", "sales")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var e = Assert.Single(_host.Sink.Received);
        Assert.Equal(("c-form", "89161234567", "sales"), (e.CallKey, e.CallerRaw, e.AgentExtension));
    }

    [Fact]
    public async Task Multipart_form_data_is_read()
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent("answer"), "event" },
            { new StringContent("89161234567"), "from" },
            { new StringContent("in"), "direction" },
            { new StringContent("c-multipart"), "callId" },
            { new StringContent("Alice"), "user[]" },
            { new StringContent("102"), "answeringNumber" },
        };
        var response = await _host.Client.PostAsync(Url, form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var e = Assert.Single(_host.Sink.Received);
        Assert.Equal((CallEventKind.Answered, "102"), (e.Kind, e.AgentExtension));
    }

    [Theory]
    [InlineData("\"user\":\"Alice\"", "Alice")]
    [InlineData("\"user\":[\"Alice\"]", "Alice")]
    [InlineData("\"user\":[\"Alice\",\"Bob\"],\"queue\":\"sales\"", "sales")]
    [InlineData("\"user\":[\"Alice\",\"Bob\"]", null)]
    [InlineData("\"queue\":\"support\"", "support")]
    public async Task A_new_call_targets_its_single_user_else_its_queue(string users, string? target)
    {
        await PostJson(Json("newCall", "c-user", "," + users));

        Assert.Equal(target, Assert.Single(_host.Sink.Received).AgentExtension);
    }

    [Fact]
    public async Task A_plus_decoded_as_a_space_in_a_form_is_put_back()
    {
        var response = await _host.Client.PostAsync(Url, FormBody.Raw("event=newCall&from=+79161234567&to=74951234567&direction=in&callId=c-plus"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("+79161234567", Assert.Single(_host.Sink.Received).CallerRaw);
    }

    [Theory]
    [InlineData("anonymous")]
    [InlineData("<unknown>")]
    [InlineData("+266696687")]
    [InlineData("8916abc4567")]
    [InlineData("８９１６１２３４５６７")]
    [InlineData("8‑916‑123–45—67")]
    [InlineData("7916123456789012345678901")]
    [InlineData("123")]
    public async Task Odd_and_hidden_callers_are_passed_on_raw(string caller)
    {
        var response = await PostJson($$"""{"event":"newCall","direction":"in","from":"{{caller}}","to":"74951234567","callId":"c-odd"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(caller, Assert.Single(_host.Sink.Received).CallerRaw);
    }

    [Fact]
    public async Task An_empty_caller_is_absent()
    {
        await PostJson("""{"event":"newCall","direction":"in","from":"","to":"74951234567","callId":"c-empty"}""");

        Assert.Null(Assert.Single(_host.Sink.Received).CallerRaw);
    }

    [Fact]
    public async Task A_retried_delivery_is_answered_again_and_changes_nothing_more()
    {
        var first = await PostJson(Json("newCall", "c-dup"));
        var second = await PostJson(Json("newCall", "c-dup"));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.Equal(2, _host.Sink.Received.Count);
        Assert.Single(_host.Sink.Applied);
    }

    [Fact]
    public async Task An_answer_after_the_hangup_is_acknowledged_and_does_not_reopen_the_call()
    {
        await PostJson(Json("newCall", "c-late"));
        await PostJson(Json("hangup", "c-late", ""","cause":"cancel" """.TrimEnd()));
        var late = await PostJson(Json("answer", "c-late", ""","answeringNumber":"101" """.TrimEnd()));

        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Equal([CallEventKind.Ringing, CallEventKind.Ended], _host.Sink.Applied.Select(e => e.Kind));
        Assert.Equal(CallEndReason.Missed, _host.Sink.Applied[1].Reason);
    }

    [Fact]
    public async Task A_hangup_for_an_unknown_call_is_recorded_as_missed()
    {
        var response = await PostJson(Json("hangup", "c-never-seen", ""","cause":"normalClearing" """.TrimEnd()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var e = Assert.Single(_host.Sink.Received);
        Assert.Equal((CallEventKind.Ended, CallEndReason.Missed), (e.Kind, e.Reason));
    }

    [Fact]
    public async Task Two_new_calls_with_one_call_id_are_both_acknowledged()
    {
        var first = await PostJson(Json("newCall", "c-twice"));
        var second = await PostJson(Json("newCall", "c-twice", ""","from":"89160000000" """.TrimEnd()));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.Single(_host.Sink.Applied);
    }

    [Theory]
    [InlineData("noAnswer", CallEndReason.Missed)]
    [InlineData("cancel", CallEndReason.Missed)]
    [InlineData("normalClearing", CallEndReason.Missed)]
    [InlineData("busy", CallEndReason.Busy)]
    [InlineData("forwarded", CallEndReason.Forwarded)]
    [InlineData("congestion", CallEndReason.Failed)]
    [InlineData("notFound", CallEndReason.Failed)]
    public async Task The_cause_of_an_unanswered_call_gives_its_end_reason(string cause, CallEndReason reason)
    {
        await PostJson(Json("newCall", "c-cause"));
        await PostJson(Json("hangup", "c-cause", $",\"cause\":\"{cause}\""));

        Assert.Equal(reason, _host.Sink.Received[^1].Reason);
    }

    [Fact]
    public async Task An_answered_call_ends_answered_whatever_the_cause()
    {
        await PostJson(Json("newCall", "c-ans"));
        await PostJson(Json("answer", "c-ans", ",\"answeringNumber\":\"101\""));
        await PostJson(Json("hangup", "c-ans", ",\"cause\":\"busy\""));

        var ended = _host.Sink.Received[^1];
        Assert.Equal((CallEndReason.Answered, "101"), (ended.Reason, ended.AgentExtension));
    }

    [Fact]
    public async Task A_call_taken_by_voicemail_pops_no_one_and_ends_as_voicemail()
    {
        await PostJson(Json("newCall", "c-vm"));
        var answer = await PostJson(Json("answer", "c-vm", ",\"user\":\"voicemail\""));
        await PostJson(Json("hangup", "c-vm", ",\"cause\":\"normalClearing\""));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal([CallEventKind.Ringing, CallEventKind.Ended], _host.Sink.Received.Select(e => e.Kind));
        Assert.Equal(CallEndReason.Voicemail, _host.Sink.Received[^1].Reason);
    }

    [Fact]
    public async Task An_oversized_body_is_refused_with_413()
    {
        var padding = new string('x', WebhookRequests.MaxBodyBytes);
        var response = await PostJson(Json("newCall", "c-big", $",\"padding\":\"{padding}\""));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(_host.Sink.Received);
    }

    [Theory]
    [InlineData("{\"e\u00FF\u00FE\":1}")]
    [InlineData("{\"event\":\"new\u00FFCall\",\"direction\":\"in\",\"callId\":\"c\u00C3\"}")]
    public async Task A_body_that_is_not_utf8_json_is_refused_with_400(string latin1)
    {
        var content = new ByteArrayContent(Encoding.Latin1.GetBytes(latin1));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var response = await _host.Client.PostAsync(Url, content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_host.Sink.Received);
    }

    [Fact]
    public async Task A_non_utf8_form_is_read_without_failing()
    {
        var content = new ByteArrayContent(Encoding.Latin1.GetBytes("event=newCall&direction=in&callId=c-latin&from=\u00e9"));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        var response = await _host.Client.PostAsync(Url, content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(_host.Sink.Received);
    }

    [Theory]
    [InlineData("[1,2,3]")]
    [InlineData("\"newCall\"")]
    public async Task A_json_body_that_is_not_an_object_is_refused_with_400(string json)
    {
        var response = await PostJson(json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_host.Sink.Received);
    }

    [Fact]
    public async Task A_body_of_another_type_is_refused_with_415()
    {
        var response = await _host.Client.PostAsync(Url, new StringContent("event=newCall", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Empty(_host.Sink.Received);
    }

    [Fact]
    public async Task When_the_store_fails_the_pbx_gets_503_and_its_retry_is_recorded()
    {
        _host.Sink.FailNext(1);
        var failed = await PostJson(Json("newCall", "c-retry"));
        var retried = await PostJson(Json("newCall", "c-retry"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Single(_host.Sink.Applied);
    }
}
