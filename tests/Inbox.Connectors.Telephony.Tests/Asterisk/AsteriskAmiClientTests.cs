using Inbox.Connectors.Telephony.Tests.Infrastructure;

namespace Inbox.Connectors.Telephony.Tests.Asterisk;

/// <summary>The AMI client against a fake Asterisk on 127.0.0.1 that speaks the wire format of telephony.md §2.</summary>
public sealed class AsteriskAmiClientTests
{
    private static Dictionary<string, string?> Settings(int port, string pingInterval = "00:00:01", string responseTimeout = "00:00:10") => new()
    {
        ["Telephony:Asterisk:Host"] = "127.0.0.1",
        ["Telephony:Asterisk:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Telephony:Asterisk:User"] = "crm",
        ["Telephony:Asterisk:Secret"] = "s3cret",
        ["Telephony:Asterisk:PingInterval"] = pingInterval,
        ["Telephony:Asterisk:ResponseTimeout"] = responseTimeout,
        ["Telephony:Asterisk:ReconnectDelay"] = "00:00:00.050",
        ["Telephony:Asterisk:MaxReconnectDelay"] = "00:00:00.500",
    };

    private static bool Has(IReadOnlyList<CallEvent> events, CallEventKind kind) => events.Any(e => e.Kind == kind);

    [Fact]
    public async Task Logs_in_and_reports_the_transcript_call_from_split_LF_only_messages()
    {
        await using var server = new FakeAmiServer();
        await using var host = await TelephonyTestHost.StartAsync(Settings(server.Port));
        Assert.Equal([TelephonyProviders.Asterisk], host.Enabled);

        var ami = await server.AcceptAsync();
        var login = await ami.HandshakeAsync(lfOnly: true, chunk: 7);
        Assert.Equal("crm", login["Username"]);
        Assert.Equal("s3cret", login["Secret"]);
        Assert.Contains("call", login["Events"].Split(','));

        await ami.SendAsync(AmiTranscripts.UpToAnswer + AmiTranscripts.HangingUp, lfOnly: true, chunk: 7);
        var events = await host.Sink.WaitForAsync(r => Has(r, CallEventKind.Ended), "the end of the call");

        Assert.Equal(
            [(CallEventKind.Ringing, null), (CallEventKind.Ringing, "101"), (CallEventKind.Answered, "101"), (CallEventKind.Ended, "101")],
            events.Select(e => (e.Kind, e.AgentExtension)));
        Assert.All(events, e => Assert.Equal(("89161234567", "74951234567", AmiTranscripts.Linkedid), (e.CallerRaw, e.DialledRaw, e.CallKey)));
        Assert.Equal(CallEndReason.Answered, events[^1].Reason);
        Assert.Equal(1, server.ConnectionCount);
    }

    [Fact]
    public async Task Without_inbound_contexts_or_internal_devices_it_warns_at_start_naming_both_keys()
    {
        await using var server = new FakeAmiServer();
        await using var host = await TelephonyTestHost.StartAsync(Settings(server.Port));
        await host.Logs.WaitForAsync("Telephony:Asterisk:InternalDevices");

        var warning = Assert.Single(host.Logs.Lines, l => l.Contains("Telephony:Asterisk:InternalDevices", StringComparison.Ordinal));
        Assert.StartsWith("Warning", warning, StringComparison.Ordinal);
        Assert.Contains("Telephony:Asterisk:InboundContexts", warning, StringComparison.Ordinal);

        await using var otherServer = new FakeAmiServer();
        var settings = Settings(otherServer.Port);
        settings["Telephony:Asterisk:InternalDevices:0"] = "101";
        await using var listed = await TelephonyTestHost.StartAsync(settings);
        await (await otherServer.AcceptAsync()).HandshakeAsync(lfOnly: false, chunk: 64);
        Assert.DoesNotContain(listed.Logs.Lines, l => l.Contains("InternalDevices", StringComparison.Ordinal));
    }

    [Fact]
    public async Task After_a_reset_mid_call_it_reconnects_resyncs_and_still_reports_the_end()
    {
        await using var server = new FakeAmiServer();
        await using var host = await TelephonyTestHost.StartAsync(Settings(server.Port));

        var first = await server.AcceptAsync();
        await first.HandshakeAsync(lfOnly: true, chunk: 5);
        await first.SendAsync(AmiTranscripts.UpToAnswer, lfOnly: true, chunk: 5);
        await host.Sink.WaitForAsync(r => Has(r, CallEventKind.Answered), "the answer");
        first.Reset();

        var second = await server.AcceptAsync();
        await second.HandshakeAsync(lfOnly: false, chunk: 3, AmiTranscripts.TrunkChannelUp, AmiTranscripts.AgentChannelUp);
        await second.SendAsync(AmiTranscripts.HangingUp, chunk: 3);
        var events = await host.Sink.WaitForAsync(r => Has(r, CallEventKind.Ended), "the end of the call after the reconnect");

        Assert.Equal(
            [(CallEventKind.Ringing, null), (CallEventKind.Ringing, "101"), (CallEventKind.Answered, "101"), (CallEventKind.Ended, "101")],
            events.Select(e => (e.Kind, e.AgentExtension)));
        Assert.Equal(CallEndReason.Answered, events[^1].Reason);
    }

    [Fact]
    public async Task A_call_that_ended_while_the_connection_was_down_is_closed_by_the_resync()
    {
        await using var server = new FakeAmiServer();
        await using var host = await TelephonyTestHost.StartAsync(Settings(server.Port));

        var first = await server.AcceptAsync();
        await first.HandshakeAsync();
        await first.SendAsync(AmiTranscripts.TrunkNewchannel + AmiTranscripts.AgentNewchannel + AmiTranscripts.DialBegin + AmiTranscripts.AgentRinging);
        await host.Sink.WaitForAsync(r => r.Any(e => e.AgentExtension == "101"), "the agent ringing");
        first.Reset();

        var second = await server.AcceptAsync();
        await second.HandshakeAsync();
        var events = await host.Sink.WaitForAsync(r => Has(r, CallEventKind.Ended), "the call closed by the resync");

        var ended = events[^1];
        Assert.Equal(CallEventKind.Ended, ended.Kind);
        Assert.Equal(CallEndReason.Unknown, ended.Reason);
        Assert.Equal(AmiTranscripts.Linkedid, ended.CallKey);
    }

    [Fact]
    public async Task A_call_that_started_while_the_connection_was_down_is_picked_up_by_the_resync()
    {
        await using var server = new FakeAmiServer();
        await using var host = await TelephonyTestHost.StartAsync(Settings(server.Port));

        var ami = await server.AcceptAsync();
        await ami.HandshakeAsync(false, 0, AmiTranscripts.AgentChannelUp, AmiTranscripts.TrunkChannelUp);
        var events = await host.Sink.WaitForAsync(r => Has(r, CallEventKind.Answered), "the call in progress");

        Assert.Equal([(CallEventKind.Ringing, null), (CallEventKind.Answered, "101")], events.Select(e => (e.Kind, e.AgentExtension)));
        Assert.Equal("89161234567", events[0].CallerRaw);

        await ami.SendAsync(AmiTranscripts.HangingUp);
        events = await host.Sink.WaitForAsync(r => Has(r, CallEventKind.Ended), "its end");
        Assert.Equal(CallEndReason.Answered, events[^1].Reason);
    }

    [Fact]
    public async Task A_refused_login_is_retried_on_a_new_connection()
    {
        await using var server = new FakeAmiServer();
        await using var host = await TelephonyTestHost.StartAsync(Settings(server.Port));

        var refused = await server.AcceptAsync();
        await refused.SendAsync(FakeAmiConnection.Banner + "\n");
        var login = await refused.ExpectActionAsync("Login");
        await refused.SendAsync($"Response: Error\nActionID: {login["ActionID"]}\nMessage: Authentication failed\n\n");
        await refused.Closed.WaitAsync(TimeSpan.FromSeconds(30));

        var accepted = await server.AcceptAsync();
        await accepted.HandshakeAsync();
        await accepted.SendAsync(AmiTranscripts.TrunkNewchannel);
        await host.Sink.WaitForAsync(r => Has(r, CallEventKind.Ringing), "a call after the second login");
        Assert.Equal(2, server.ConnectionCount);
    }

    [Fact]
    public async Task Event_Shutdown_makes_it_reconnect()
    {
        await using var server = new FakeAmiServer();
        await using var host = await TelephonyTestHost.StartAsync(Settings(server.Port));

        var first = await server.AcceptAsync();
        await first.HandshakeAsync();
        await first.SendAsync("Event: Shutdown\nPrivilege: system,all\nShutdown: Cleanly\nRestart: True\n\n");
        await first.Closed.WaitAsync(TimeSpan.FromSeconds(30));

        var second = await server.AcceptAsync();
        await second.HandshakeAsync();
        await second.SendAsync(AmiTranscripts.TrunkNewchannel);
        await host.Sink.WaitForAsync(r => Has(r, CallEventKind.Ringing), "a call after the restart");
    }

    [Fact]
    public async Task A_server_that_sends_only_its_banner_and_closes_is_retried()
    {
        await using var server = new FakeAmiServer();
        await using var host = await TelephonyTestHost.StartAsync(Settings(server.Port));

        var first = await server.AcceptAsync();
        await first.SendAsync(FakeAmiConnection.Banner + "\n");
        first.Reset();

        var second = await server.AcceptAsync();
        await second.HandshakeAsync();
        await second.SendAsync(AmiTranscripts.TrunkNewchannel);
        await host.Sink.WaitForAsync(r => Has(r, CallEventKind.Ringing), "a call on the second connection");
    }

    [Fact]
    public async Task Pings_and_a_server_that_stops_answering_is_dropped_and_reopened()
    {
        await using var server = new FakeAmiServer();
        await using var host = await TelephonyTestHost.StartAsync(Settings(server.Port, pingInterval: "00:00:00.200", responseTimeout: "00:00:02"));

        var hanging = await server.AcceptAsync();
        hanging.AnswerPings = false;
        await hanging.HandshakeAsync();
        await hanging.Closed.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(hanging.PingsReceived > 0);

        var next = await server.AcceptAsync();
        await next.HandshakeAsync();
        Assert.Equal(2, server.ConnectionCount);
    }

    [Fact]
    public async Task Stopping_the_host_cancels_a_long_reconnect_wait()
    {
        int closedPort;
        await using (var probe = new FakeAmiServer())
        {
            closedPort = probe.Port;
        }

        var settings = Settings(closedPort);
        settings["Telephony:Asterisk:ReconnectDelay"] = "01:00:00";
        settings["Telephony:Asterisk:MaxReconnectDelay"] = "01:00:00";
        var host = await TelephonyTestHost.StartAsync(settings);

        // Asterisk is unreachable, so the client waits an hour before its next try; stopping must not wait for that
        // (the host's own shutdown timeout is 30 s, so an uncancellable wait would miss this bound).
        await host.StopAsync(within: TimeSpan.FromSeconds(10));
        await host.DisposeAsync();
    }

    [Fact]
    public void The_reconnect_delay_doubles_and_is_capped()
    {
        var settings = new AsteriskOptions { ReconnectDelay = TimeSpan.FromSeconds(1), MaxReconnectDelay = TimeSpan.FromSeconds(60) };

        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60], Enumerable.Range(1, 8).Select(n => AsteriskAmiClient.ReconnectDelay(settings, n).TotalSeconds));
        Assert.Equal(TimeSpan.FromSeconds(60), AsteriskAmiClient.ReconnectDelay(settings, 1_000));
    }
}
