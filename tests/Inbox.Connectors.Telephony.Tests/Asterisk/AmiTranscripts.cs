namespace Inbox.Connectors.Telephony.Tests.Asterisk;

/// <summary>The inbound call of telephony.md §2, event by event (the fields the spec elides are filled in as Asterisk sends them).</summary>
public static class AmiTranscripts
{
    public const string Linkedid = "1715670930.101";
    public const string AgentLeg = "1715670931.102";

    public const string TrunkNewchannel = """
        Event: Newchannel
        Privilege: call,all
        Channel: PJSIP/trunk-rt-00000031
        ChannelState: 4
        ChannelStateDesc: Ring
        CallerIDNum: 89161234567
        CallerIDName: <unknown>
        ConnectedLineNum: <unknown>
        ConnectedLineName: <unknown>
        Language: ru
        AccountCode:
        Context: from-trunk
        Exten: 74951234567
        Priority: 1
        Uniqueid: 1715670930.101
        Linkedid: 1715670930.101


        """;

    public const string AgentNewchannel = """
        Event: Newchannel
        Privilege: call,all
        Channel: PJSIP/101-00000032
        ChannelState: 0
        ChannelStateDesc: Down
        CallerIDNum: 101
        CallerIDName: <unknown>
        ConnectedLineNum: <unknown>
        ConnectedLineName: <unknown>
        Language: ru
        AccountCode:
        Context: from-internal
        Exten: s
        Priority: 1
        Uniqueid: 1715670931.102
        Linkedid: 1715670930.101


        """;

    public const string DialBegin = """
        Event: DialBegin
        Privilege: call,all
        Channel: PJSIP/trunk-rt-00000031
        ChannelState: 4
        CallerIDNum: 89161234567
        Context: from-internal
        Exten: 101
        Uniqueid: 1715670930.101
        Linkedid: 1715670930.101
        DestChannel: PJSIP/101-00000032
        DestChannelState: 0
        DestCallerIDNum: 101
        DestConnectedLineNum: 89161234567
        DestExten: 101
        DestUniqueid: 1715670931.102
        DestLinkedid: 1715670930.101
        DialString: 101


        """;

    public const string AgentRinging = """
        Event: Newstate
        Privilege: call,all
        Channel: PJSIP/101-00000032
        ChannelState: 5
        ChannelStateDesc: Ringing
        CallerIDNum: 101
        ConnectedLineNum: 89161234567
        Uniqueid: 1715670931.102
        Linkedid: 1715670930.101


        """;

    public const string AgentUp = """
        Event: Newstate
        Privilege: call,all
        Channel: PJSIP/101-00000032
        ChannelState: 6
        ChannelStateDesc: Up
        CallerIDNum: 101
        ConnectedLineNum: 89161234567
        Uniqueid: 1715670931.102
        Linkedid: 1715670930.101


        """;

    public const string TrunkUp = """
        Event: Newstate
        Privilege: call,all
        Channel: PJSIP/trunk-rt-00000031
        ChannelState: 6
        ChannelStateDesc: Up
        CallerIDNum: 89161234567
        Uniqueid: 1715670930.101
        Linkedid: 1715670930.101


        """;

    public const string DialEndAnswer = """
        Event: DialEnd
        Privilege: call,all
        Channel: PJSIP/trunk-rt-00000031
        Uniqueid: 1715670930.101
        Linkedid: 1715670930.101
        DestChannel: PJSIP/101-00000032
        DestUniqueid: 1715670931.102
        DialStatus: ANSWER


        """;

    public const string DialEndCancel = """
        Event: DialEnd
        Privilege: call,all
        Channel: PJSIP/trunk-rt-00000031
        Uniqueid: 1715670930.101
        Linkedid: 1715670930.101
        DestChannel: PJSIP/101-00000032
        DestUniqueid: 1715670931.102
        DialStatus: CANCEL


        """;

    public const string BridgeEnterTrunk = """
        Event: BridgeEnter
        Privilege: call,all
        BridgeUniqueid: 0b8e6c52-5f0e-4c1a-9a57-3f6d1c2a7e11
        BridgeNumChannels: 1
        Channel: PJSIP/trunk-rt-00000031
        Uniqueid: 1715670930.101
        Linkedid: 1715670930.101


        """;

    public const string BridgeEnterAgent = """
        Event: BridgeEnter
        Privilege: call,all
        BridgeUniqueid: 0b8e6c52-5f0e-4c1a-9a57-3f6d1c2a7e11
        BridgeNumChannels: 2
        Channel: PJSIP/101-00000032
        Uniqueid: 1715670931.102
        Linkedid: 1715670930.101


        """;

    public const string BridgeLeaveBoth = """
        Event: BridgeLeave
        Privilege: call,all
        BridgeUniqueid: 0b8e6c52-5f0e-4c1a-9a57-3f6d1c2a7e11
        BridgeNumChannels: 1
        Channel: PJSIP/101-00000032
        Uniqueid: 1715670931.102
        Linkedid: 1715670930.101

        Event: BridgeLeave
        Privilege: call,all
        BridgeUniqueid: 0b8e6c52-5f0e-4c1a-9a57-3f6d1c2a7e11
        BridgeNumChannels: 0
        Channel: PJSIP/trunk-rt-00000031
        Uniqueid: 1715670930.101
        Linkedid: 1715670930.101


        """;

    public const string AgentHangup = """
        Event: Hangup
        Privilege: call,all
        Channel: PJSIP/101-00000032
        ChannelState: 6
        Uniqueid: 1715670931.102
        Linkedid: 1715670930.101
        Cause: 16
        Cause-txt: Normal Clearing


        """;

    public const string TrunkHangup = """
        Event: Hangup
        Privilege: call,all
        Channel: PJSIP/trunk-rt-00000031
        ChannelState: 6
        Uniqueid: 1715670930.101
        Linkedid: 1715670930.101
        Cause: 16
        Cause-txt: Normal Clearing


        """;

    /// <summary>The CoreShowChannel bodies of the call once answered and bridged.</summary>
    public const string TrunkChannelUp = """
        Channel: PJSIP/trunk-rt-00000031
        ChannelState: 6
        ChannelStateDesc: Up
        CallerIDNum: 89161234567
        CallerIDName: <unknown>
        ConnectedLineNum: 101
        ConnectedLineName: <unknown>
        Language: ru
        AccountCode:
        Context: from-internal
        Exten: 101
        Priority: 1
        Uniqueid: 1715670930.101
        Linkedid: 1715670930.101
        Application: Dial
        ApplicationData: PJSIP/101
        Duration: 00:00:42
        BridgeId: 0b8e6c52-5f0e-4c1a-9a57-3f6d1c2a7e11
        """;

    public const string AgentChannelUp = """
        Channel: PJSIP/101-00000032
        ChannelState: 6
        ChannelStateDesc: Up
        CallerIDNum: 101
        CallerIDName: <unknown>
        ConnectedLineNum: 89161234567
        ConnectedLineName: <unknown>
        Language: ru
        AccountCode:
        Context: from-internal
        Exten: s
        Priority: 1
        Uniqueid: 1715670931.102
        Linkedid: 1715670930.101
        Application: AppDial
        ApplicationData: (Outgoing Line)
        Duration: 00:00:40
        BridgeId: 0b8e6c52-5f0e-4c1a-9a57-3f6d1c2a7e11
        """;

    /// <summary>From the first event to the agent answering.</summary>
    public static string UpToAnswer => TrunkNewchannel + AgentNewchannel + DialBegin + AgentRinging + AgentUp + TrunkUp + DialEndAnswer + BridgeEnterTrunk + BridgeEnterAgent;

    /// <summary>After the conversation.</summary>
    public static string HangingUp => BridgeLeaveBoth + AgentHangup + TrunkHangup;
}
