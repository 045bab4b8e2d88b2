using System.Net;
using Inbox.Connectors.Telephony.Tests.Infrastructure;

namespace Inbox.Connectors.Telephony.Tests.Mango;

public sealed class MangoWebhookTests : IAsyncLifetime
{
    private const string Key = "k3y";
    private const string Salt = "s4lt";

    /// <summary>The json of telephony.md §3's vector, byte for byte.</summary>
    private const string VectorJson = """{"entry_id":"MTAxOjY0MzIxOQ==","call_id":"MToxMDAwMTM6MTAxOjY0MzIxOTox","timestamp":1715670930,"seq":1,"call_state":"Appeared","location":"abonent","from":{"number":"79161234567"},"to":{"extension":"101","number":"sip:ivanov@example.mangosip.ru","line_number":"74951234567"}}""";
    private const string VectorSign = "54b2a0259ba533b7d7c7e1d9d39a05a9553da989c37dd575feb9ac0237edc4ff";

    private TelephonyTestHost _host = null!;

    public async Task InitializeAsync() => _host = await TelephonyTestHost.StartAsync(new Dictionary<string, string?>
    {
        ["Telephony:Mango:ApiKey"] = Key,
        ["Telephony:Mango:ApiSalt"] = Salt,
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<HttpResponseMessage> Post(string kind, string json, string? sign = null, string key = Key) =>
        _host.Client.PostAsync($"/webhooks/mango/events/{kind}",
            FormBody.Encoded(("vpbx_api_key", key), ("sign", sign ?? MangoSignature.Compute(Key, json, Salt)), ("json", json)));

    private static string Call(string callId, long seq, string state, string location = "abonent", string extension = "101", long timestamp = 1715670930, string extra = "") =>
        $$"""{"entry_id":"E1","call_id":"{{callId}}","timestamp":{{timestamp}},"seq":{{seq}},"call_state":"{{state}}","location":"{{location}}","from":{"number":"79161234567"},"to":{"extension":"{{extension}}","line_number":"74951234567"}{{extra}}}""";

    [Fact]
    public void The_signature_vector_is_reproduced()
    {
        Assert.Equal(VectorSign, MangoSignature.Compute(Key, VectorJson, Salt));
        Assert.True(MangoSignature.Verify(Key, Salt, VectorJson, VectorSign.ToUpperInvariant()));
        Assert.False(MangoSignature.Verify(Key, Salt, VectorJson.Replace("\"seq\":1", "\"seq\": 1", StringComparison.Ordinal), VectorSign));
    }

    [Fact]
    public async Task The_vector_event_rings_at_extension_101()
    {
        var response = await Post("call", VectorJson, VectorSign);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var e = Assert.Single(_host.Sink.Received);
        Assert.Equal((TelephonyProviders.Mango, "MTAxOjY0MzIxOQ==", "MToxMDAwMTM6MTAxOjY0MzIxOTox", (long?)1), (e.Provider, e.CallKey, e.LegId, e.Seq));
        Assert.Equal((CallEventKind.Ringing, CallDirection.Inbound, "101"), (e.Kind, e.Direction, e.AgentExtension));
        Assert.Equal(("79161234567", "74951234567"), (e.CallerRaw, e.DialledRaw));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1715670930), e.OccurredAt);
    }

    [Fact]
    public async Task Re_encoded_json_does_not_match_the_signature_of_the_original()
    {
        var reEncoded = System.Text.Json.JsonSerializer.Serialize(System.Text.Json.JsonDocument.Parse(VectorJson).RootElement,
            new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
        var response = await Post("call", reEncoded, VectorSign);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_host.Sink.Received);
    }

    [Fact]
    public async Task Another_vpbx_api_key_is_refused_even_when_signed_with_it()
    {
        var response = await Post("call", VectorJson, MangoSignature.Compute("other", VectorJson, Salt), key: "other");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_host.Sink.Received);
    }

    [Fact]
    public async Task A_missing_sign_is_refused()
    {
        var response = await _host.Client.PostAsync("/webhooks/mango/events/call", FormBody.Encoded(("vpbx_api_key", Key), ("json", VectorJson)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_host.Sink.Received);
    }

    [Fact]
    public async Task A_call_appears_connects_and_disconnects_then_the_summary_arrives()
    {
        await Post("call", Call("L1", 1, "Appeared", timestamp: 1715670930));
        await Post("call", Call("L1", 2, "Connected", timestamp: 1715670940));
        await Post("call", Call("L1", 3, "Disconnected", timestamp: 1715671005, extra: ",\"disconnect_reason\":1110"));
        var summary = await Post("summary", """{"entry_id":"E1","call_direction":1,"from":{"number":"79161234567"},"to":{"extension":"101"},"line_number":"74951234567","create_time":1715670930,"forward_time":1715670932,"talk_time":65,"end_time":1715671005,"entry_result":1,"disconnect_reason":1110}""");

        Assert.Equal(HttpStatusCode.OK, summary.StatusCode);
        var events = _host.Sink.Received;
        Assert.Equal([CallEventKind.Ringing, CallEventKind.Answered, CallEventKind.Ended, CallEventKind.Ended], events.Select(e => e.Kind));
        Assert.Equal((CallEndReason.Answered, 65, "101"), (events[2].Reason, events[2].TalkSeconds, events[2].AgentExtension));
        Assert.Equal((CallEndReason.Answered, 65, 10), (events[3].Reason, events[3].TalkSeconds, events[3].WaitSeconds));
        Assert.Equal([CallEventKind.Ringing, CallEventKind.Answered, CallEventKind.Ended], _host.Sink.Applied.Select(e => e.Kind));
    }

    [Fact]
    public async Task Out_of_order_seq_is_passed_on_and_does_not_reopen_or_end_the_call_twice()
    {
        await Post("call", Call("L1", 1, "Appeared"));
        await Post("call", Call("L1", 3, "Disconnected"));
        var late = await Post("call", Call("L1", 2, "Connected"));
        await Post("call", Call("L1", 2, "Disconnected"));

        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        var events = _host.Sink.Received;
        Assert.Equal([(CallEventKind.Ringing, 1L), (CallEventKind.Ended, 3L), (CallEventKind.Answered, 2L)], events.Select(e => (e.Kind, e.Seq!.Value)));
        Assert.Equal([CallEventKind.Ringing, CallEventKind.Ended], _host.Sink.Applied.Select(e => e.Kind));
    }

    [Fact]
    public async Task In_a_ring_group_the_losing_leg_disconnecting_does_not_end_the_call()
    {
        await Post("call", Call("L101", 1, "Appeared", extension: "101"));
        await Post("call", Call("L102", 1, "Appeared", extension: "102"));
        await Post("call", Call("L102", 2, "Connected", extension: "102"));
        await Post("call", Call("L101", 2, "Disconnected", extension: "101"));

        Assert.DoesNotContain(_host.Sink.Received, e => e.Kind == CallEventKind.Ended);
        Assert.Equal(["101", "102"], _host.Sink.Received.Where(e => e.Kind == CallEventKind.Ringing).Select(e => e.AgentExtension));

        await Post("call", Call("L102", 3, "Disconnected", extension: "102"));
        var ended = Assert.Single(_host.Sink.Received, e => e.Kind == CallEventKind.Ended);
        Assert.Equal((CallEndReason.Answered, "102"), (ended.Reason, ended.AgentExtension));
    }

    [Fact]
    public async Task A_call_in_the_ivr_rings_with_no_agent_and_its_connection_is_not_an_answer()
    {
        await Post("call", Call("L1", 1, "Appeared", location: "ivr"));
        await Post("call", Call("L1", 2, "Connected", location: "ivr"));
        await Post("call", Call("L1", 3, "Disconnected", location: "ivr", extra: ",\"disconnect_reason\":1110"));

        Assert.Equal([(CallEventKind.Ringing, null), (CallEventKind.Ended, null)], _host.Sink.Received.Select(e => (e.Kind, e.AgentExtension)));
        Assert.Equal(CallEndReason.Missed, _host.Sink.Received[^1].Reason);
    }

    [Fact]
    public async Task A_disconnect_of_a_call_never_seen_is_left_to_the_summary()
    {
        var response = await Post("call", Call("L9", 5, "Disconnected"));
        var summary = await Post("summary", """{"entry_id":"E1","call_direction":1,"from":{"number":"79161234567"},"to":{"extension":"101"},"talk_time":0,"entry_result":0,"create_time":1715670930,"end_time":1715670960}""");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (response.StatusCode, summary.StatusCode));
        var ended = Assert.Single(_host.Sink.Received);
        Assert.Equal((CallEventKind.Ended, CallEndReason.Missed, 0, 30), (ended.Kind, ended.Reason, ended.TalkSeconds, ended.WaitSeconds));
    }

    [Theory]
    [InlineData("OnHold")]
    [InlineData("Transferred")]
    public async Task Other_call_states_are_acknowledged_and_ignored(string state)
    {
        var response = await Post("call", Call("L1", 4, state));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(_host.Sink.Received);
    }

    [Fact]
    public async Task Other_event_kinds_are_acknowledged_and_ignored_when_signed()
    {
        var signed = await Post("recording", """{"entry_id":"E1","recording_id":"R1"}""");
        var unsigned = await Post("dtmf", """{"entry_id":"E1"}""", sign: "0000");

        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Empty(_host.Sink.Received);
    }

    [Fact]
    public async Task A_non_numeric_timestamp_and_seq_are_left_out()
    {
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);
        var response = await Post("call", """{"entry_id":"E2","call_id":"L1","timestamp":"soon","seq":"first","call_state":"Appeared","location":"abonent","from":{"number":"anonymous"},"to":{"extension":"101"},"unexpected":[1,2]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var e = Assert.Single(_host.Sink.Received);
        Assert.Null(e.Seq);
        Assert.True(e.OccurredAt > before);
        Assert.Equal("anonymous", e.CallerRaw);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1]")]
    [InlineData("""{"call_id":"L1","call_state":"Appeared"}""")]
    public async Task A_signed_but_unusable_json_is_a_400(string json)
    {
        var response = await Post("call", json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_host.Sink.Received);
    }

    [Fact]
    public async Task A_retried_event_is_acknowledged_and_applied_once()
    {
        var first = await Post("call", VectorJson, VectorSign);
        var second = await Post("call", VectorJson, VectorSign);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.Single(_host.Sink.Applied);
    }

    [Fact]
    public async Task An_oversized_form_is_refused_with_413()
    {
        var json = Call("L1", 1, "Appeared", extra: $",\"padding\":\"{new string('x', WebhookRequests.MaxBodyBytes)}\"");
        var response = await Post("call", json);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(_host.Sink.Received);
    }

    [Theory]
    [InlineData("1110", CallEndReason.Missed)]
    [InlineData("2100", CallEndReason.Failed)]
    [InlineData("3200", CallEndReason.Failed)]
    [InlineData("4200", CallEndReason.Failed)]
    [InlineData(null, CallEndReason.Missed)]
    public void The_disconnect_reason_of_an_unanswered_call_gives_its_end_reason(string? code, CallEndReason reason) =>
        Assert.Equal(reason, MangoEventConverter.DisconnectReason(code));
}
