using System.Text;

namespace Inbox.Connectors.Telephony.Tests.Asterisk;

public sealed class AmiCallTrackerTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 14, 10, 15, 30, TimeSpan.Zero);

    private static List<CallEvent> Run(AmiCallTracker tracker, string text, DateTimeOffset? at = null)
    {
        var events = new List<CallEvent>();
        foreach (var message in new AmiParser().Feed(Encoding.UTF8.GetBytes(text)))
        {
            events.AddRange(tracker.Handle(message, at ?? Now));
        }

        return events;
    }

    private static List<AmiMessage> Parse(string text) => new AmiParser().Feed(Encoding.UTF8.GetBytes(text)).ToList();

    [Fact]
    public void The_transcript_call_rings_at_101_is_answered_and_ends_answered()
    {
        var tracker = new AmiCallTracker(new AsteriskOptions());
        var events = Run(tracker, AmiTranscripts.UpToAnswer);
        events.AddRange(Run(tracker, AmiTranscripts.HangingUp, Now.AddSeconds(65)));

        Assert.Equal(
            [(CallEventKind.Ringing, null, AmiTranscripts.Linkedid), (CallEventKind.Ringing, "101", AmiTranscripts.AgentLeg),
             (CallEventKind.Answered, "101", AmiTranscripts.AgentLeg), (CallEventKind.Ended, "101", AmiTranscripts.Linkedid)],
            events.Select(e => (e.Kind, e.AgentExtension, e.LegId)));
        Assert.All(events, e =>
        {
            Assert.Equal(TelephonyProviders.Asterisk, e.Provider);
            Assert.Equal(AmiTranscripts.Linkedid, e.CallKey);
            Assert.Equal(CallDirection.Inbound, e.Direction);
            Assert.Equal("89161234567", e.CallerRaw);
            Assert.Null(e.CallerName); // <unknown>
            Assert.Equal("74951234567", e.DialledRaw);
        });
        Assert.Equal(CallEndReason.Answered, events[^1].Reason);
        Assert.Equal(65, events[^1].TalkSeconds);
        Assert.Equal(0, tracker.OpenCalls);
    }

    [Fact]
    public void The_missed_variant_ends_missed()
    {
        var tracker = new AmiCallTracker(new AsteriskOptions());
        var events = Run(tracker, AmiTranscripts.TrunkNewchannel + AmiTranscripts.AgentNewchannel + AmiTranscripts.DialBegin + AmiTranscripts.AgentRinging
            + AmiTranscripts.DialEndCancel + AmiTranscripts.AgentHangup + AmiTranscripts.TrunkHangup);

        Assert.DoesNotContain(events, e => e.Kind == CallEventKind.Answered);
        var ended = Assert.Single(events, e => e.Kind == CallEventKind.Ended);
        Assert.Equal(CallEndReason.Missed, ended.Reason);
        Assert.Null(ended.AgentExtension);
    }

    [Theory]
    [InlineData("BUSY", CallEndReason.Busy)]
    [InlineData("CHANUNAVAIL", CallEndReason.Failed)]
    [InlineData("CONGESTION", CallEndReason.Failed)]
    [InlineData("NOANSWER", CallEndReason.Missed)]
    public void An_unanswered_call_ends_with_the_reason_of_its_dial(string dialStatus, CallEndReason reason)
    {
        var tracker = new AmiCallTracker(new AsteriskOptions());
        var events = Run(tracker, AmiTranscripts.TrunkNewchannel + AmiTranscripts.AgentNewchannel + AmiTranscripts.DialBegin
            + AmiTranscripts.DialEndCancel.Replace("CANCEL", dialStatus) + AmiTranscripts.AgentHangup + AmiTranscripts.TrunkHangup);

        Assert.Equal(reason, Assert.Single(events, e => e.Kind == CallEventKind.Ended).Reason);
    }

    [Fact]
    public void Five_ringing_legs_pop_five_agents_and_the_losers_hanging_up_with_cause_26_do_not_end_the_call()
    {
        var tracker = new AmiCallTracker(new AsteriskOptions());
        var events = Run(tracker, AmiTranscripts.TrunkNewchannel);
        for (var i = 1; i <= 5; i++)
        {
            events.AddRange(Run(tracker, RingGroupLeg(i)));
        }

        Assert.Equal(["101", "102", "103", "104", "105"], events.Where(e => e.Kind == CallEventKind.Ringing && e.AgentExtension is not null).Select(e => e.AgentExtension));

        events.AddRange(Run(tracker, Leg(3, "Newstate", "ChannelState: 6")));
        foreach (var loser in new[] { 1, 2, 4, 5 })
        {
            events.AddRange(Run(tracker, Leg(loser, "Hangup", "Cause: 26\nCause-txt: Answered elsewhere")));
        }

        Assert.DoesNotContain(events, e => e.Kind == CallEventKind.Ended);
        Assert.Equal("103", Assert.Single(events, e => e.Kind == CallEventKind.Answered).AgentExtension);

        events.AddRange(Run(tracker, Leg(3, "Hangup", "Cause: 16")));
        events.AddRange(Run(tracker, AmiTranscripts.TrunkHangup));
        var ended = Assert.Single(events, e => e.Kind == CallEventKind.Ended);
        Assert.Equal(CallEndReason.Answered, ended.Reason);
        Assert.Equal("103", ended.AgentExtension);
    }

    [Fact]
    public void A_queue_through_Local_channels_pops_the_phone_not_the_Local_leg()
    {
        var tracker = new AmiCallTracker(new AsteriskOptions());
        var events = Run(tracker, AmiTranscripts.TrunkNewchannel + """
            Event: Newchannel
            Channel: Local/102@from-queue-00000005;1
            ChannelState: 0
            Uniqueid: 1715670931.103
            Linkedid: 1715670930.101

            Event: Newchannel
            Channel: Local/102@from-queue-00000005;2
            ChannelState: 0
            Uniqueid: 1715670931.104
            Linkedid: 1715670930.101

            Event: DialBegin
            Channel: PJSIP/trunk-rt-00000031
            Uniqueid: 1715670930.101
            Linkedid: 1715670930.101
            DestChannel: Local/102@from-queue-00000005;1
            DestUniqueid: 1715670931.103
            DestExten: 102

            Event: Newstate
            Channel: Local/102@from-queue-00000005;1
            ChannelState: 5
            Uniqueid: 1715670931.103
            Linkedid: 1715670930.101

            Event: DialBegin
            Channel: Local/102@from-queue-00000005;2
            Uniqueid: 1715670931.104
            Linkedid: 1715670930.101
            DestChannel: PJSIP/102-00000033
            DestUniqueid: 1715670931.105
            DestExten: 102

            Event: Newstate
            Channel: PJSIP/102-00000033
            ChannelState: 6
            Uniqueid: 1715670931.105
            Linkedid: 1715670930.101


            """);

        Assert.Equal([(CallEventKind.Ringing, null), (CallEventKind.Ringing, "102"), (CallEventKind.Answered, "102")],
            events.Select(e => (e.Kind, e.AgentExtension)));
        Assert.DoesNotContain(events, e => e.AgentExtension?.Contains("Local", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void A_call_placed_from_an_internal_phone_is_not_reported()
    {
        var tracker = new AmiCallTracker(new AsteriskOptions { InternalDevices = ["101", "102"] });
        var events = Run(tracker, """
            Event: Newchannel
            Channel: PJSIP/101-00000040
            ChannelState: 4
            CallerIDNum: 101
            Context: from-internal
            Exten: 89161234567
            Uniqueid: 1715670999.200
            Linkedid: 1715670999.200

            Event: Hangup
            Channel: PJSIP/101-00000040
            Uniqueid: 1715670999.200
            Linkedid: 1715670999.200
            Cause: 16


            """);

        Assert.Empty(events);
        Assert.Equal(0, tracker.OpenCalls);
    }

    [Fact]
    public void A_trunk_named_after_a_numeric_provider_login_is_inbound_unless_listed_as_an_internal_phone()
    {
        var numericTrunk = AmiTranscripts.TrunkNewchannel.Replace("PJSIP/trunk-rt-00000031", "PJSIP/123456-00000031", StringComparison.Ordinal);
        var fromPhone = AmiTranscripts.TrunkNewchannel.Replace("PJSIP/trunk-rt-00000031", "PJSIP/101-00000031", StringComparison.Ordinal);

        // Nothing configured: every call is inbound (and the client warns at start); nothing is dropped for looking like an extension.
        Assert.Equal(CallEventKind.Ringing, Assert.Single(Run(new AmiCallTracker(new AsteriskOptions()), numericTrunk)).Kind);
        Assert.Single(Run(new AmiCallTracker(new AsteriskOptions()), fromPhone));

        // The explicit list decides.
        var listed = new AsteriskOptions { InternalDevices = ["101", "102"] };
        Assert.Single(Run(new AmiCallTracker(listed), numericTrunk));
        Assert.Empty(Run(new AmiCallTracker(listed), fromPhone));

        // Contexts win over the list.
        var contexts = new AsteriskOptions { InboundContexts = ["from-trunk"], InternalDevices = ["123456"] };
        Assert.Single(Run(new AmiCallTracker(contexts), numericTrunk));
    }

    [Fact]
    public void With_inbound_contexts_configured_only_calls_starting_there_are_reported()
    {
        var options = new AsteriskOptions { InboundContexts = ["from-pstn"] };
        Assert.Empty(Run(new AmiCallTracker(options), AmiTranscripts.TrunkNewchannel));
        Assert.Single(Run(new AmiCallTracker(options), AmiTranscripts.TrunkNewchannel.Replace("from-trunk", "from-pstn")));
    }

    [Fact]
    public void A_caller_id_changed_by_the_dialplan_is_used_for_later_events()
    {
        var tracker = new AmiCallTracker(new AsteriskOptions());
        Run(tracker, AmiTranscripts.TrunkNewchannel + """
            Event: NewCallerid
            Channel: PJSIP/trunk-rt-00000031
            CallerIDNum: +79161234567
            CallerIDName: Ivan Petrov
            Uniqueid: 1715670930.101
            Linkedid: 1715670930.101


            """);
        var ringing = Run(tracker, AmiTranscripts.AgentNewchannel + AmiTranscripts.DialBegin);

        Assert.Equal("+79161234567", ringing.Single().CallerRaw);
        Assert.Equal("Ivan Petrov", ringing.Single().CallerName);
    }

    [Fact]
    public void The_event_timestamp_is_used_when_Asterisk_sends_one()
    {
        var events = Run(new AmiCallTracker(new AsteriskOptions()), AmiTranscripts.TrunkNewchannel.Replace("Priority: 1", "Priority: 1\nTimestamp: 1715670930.500000"));

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1715670930500), events.Single().OccurredAt);
    }

    [Fact]
    public void A_resync_keeps_a_leg_that_hung_up_while_the_list_was_arriving_hung_up()
    {
        var tracker = new AmiCallTracker(new AsteriskOptions());
        var events = Run(tracker, AmiTranscripts.UpToAnswer);
        tracker.BeginResync();
        events.AddRange(Run(tracker, AmiTranscripts.AgentHangup + AmiTranscripts.TrunkHangup));
        events.AddRange(tracker.CompleteResync(Parse(ShowChannels(AmiTranscripts.TrunkChannelUp, AmiTranscripts.AgentChannelUp)), Now));

        Assert.Single(events, e => e.Kind == CallEventKind.Ended);
        Assert.Equal(0, tracker.OpenCalls);
    }

    [Fact]
    public void A_resync_does_not_close_a_call_that_started_while_the_list_was_arriving()
    {
        var tracker = new AmiCallTracker(new AsteriskOptions());
        tracker.BeginResync();
        var events = Run(tracker, AmiTranscripts.TrunkNewchannel);
        events.AddRange(tracker.CompleteResync([], Now));

        Assert.Equal([CallEventKind.Ringing], events.Select(e => e.Kind));
        Assert.Equal(1, tracker.OpenCalls);
    }

    private static string ShowChannels(params string[] channels) =>
        string.Concat(channels.Select(c => "Event: CoreShowChannel\n" + c.Trim('\n') + "\n\n"));

    private static string RingGroupLeg(int i) =>
        $"Event: Newchannel\nChannel: PJSIP/10{i}-0000004{i}\nChannelState: 0\nUniqueid: 1715670931.2{i}\nLinkedid: 1715670930.101\n\n" +
        $"Event: DialBegin\nChannel: PJSIP/trunk-rt-00000031\nUniqueid: 1715670930.101\nLinkedid: 1715670930.101\nDestChannel: PJSIP/10{i}-0000004{i}\nDestUniqueid: 1715670931.2{i}\nDestExten: 10{i}\n\n" +
        Leg(i, "Newstate", "ChannelState: 5");

    private static string Leg(int i, string eventName, string extra) =>
        $"Event: {eventName}\nChannel: PJSIP/10{i}-0000004{i}\n{extra}\nUniqueid: 1715670931.2{i}\nLinkedid: 1715670930.101\n\n";
}
