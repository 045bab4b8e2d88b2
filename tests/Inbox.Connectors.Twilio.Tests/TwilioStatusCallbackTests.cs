using System.Net;
using Inbox.Connectors.Twilio.Tests.Infrastructure;

namespace Inbox.Connectors.Twilio.Tests;

/// <summary><c>POST /webhooks/twilio/status</c>: statuses to receipts, error codes to reasons, order and unknown ids.</summary>
public sealed class TwilioStatusCallbackTests : IAsyncLifetime
{
    private const string Sid = "SM11111111111111111111111111111111";
    private TwilioTestHost _host = null!;

    public async Task InitializeAsync() => _host = await TwilioTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("queued", ReceiptStatus.Sent)]
    [InlineData("accepted", ReceiptStatus.Sent)]
    [InlineData("sending", ReceiptStatus.Sent)]
    [InlineData("sent", ReceiptStatus.Sent)]
    [InlineData("delivered", ReceiptStatus.Delivered)]
    [InlineData("read", ReceiptStatus.Delivered)]
    public async Task Statuses_become_receipts(string status, ReceiptStatus expected)
    {
        _host.Receipts.Know(ChannelNames.Sms, Sid);

        using var response = await PostStatusAsync(TwilioSamples.Status(Sid, status));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        var receipt = Assert.Single(_host.Receipts.Recorded);
        Assert.Equal(new DeliveryReceipt(ChannelNames.Sms, Sid, expected, null), receipt);
    }

    [Fact]
    public async Task A_whatsapp_read_event_is_delivered_on_the_whatsapp_channel()
    {
        _host.Receipts.Know(ChannelNames.WhatsApp, Sid);
        var form = TwilioSamples.Status(Sid, "read", to: "whatsapp:+79123456789").With("EventType", "READ").With("ChannelPrefix", "whatsapp");

        using var response = await PostStatusAsync(form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new DeliveryReceipt(ChannelNames.WhatsApp, Sid, ReceiptStatus.Delivered, null), Assert.Single(_host.Receipts.Recorded));
    }

    [Theory]
    [InlineData("undelivered", "30003", "unreachable")]
    [InlineData("undelivered", "30005", "no longer in service")]
    [InlineData("undelivered", "30006", "landline")]
    [InlineData("undelivered", "30007", "spam")]
    [InlineData("failed", "30008", "gave no reason")]
    [InlineData("failed", "21211", "not a valid phone number")]
    [InlineData("failed", "21614", "not a mobile number")]
    public async Task Failures_carry_the_reason_of_their_ErrorCode(string status, string errorCode, string words)
    {
        _host.Receipts.Know(ChannelNames.Sms, Sid);

        using var response = await PostStatusAsync(TwilioSamples.Status(Sid, status, errorCode: errorCode));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var receipt = Assert.Single(_host.Receipts.Recorded);
        Assert.Equal(ReceiptStatus.Failed, receipt.Status);
        Assert.Contains(words, receipt.Reason);
        Assert.Contains($"Twilio error {errorCode}", receipt.Reason);
        Assert.Empty(_host.Reachability.Calls);
    }

    [Fact]
    public async Task A_whatsapp_message_outside_the_24_hour_window_fails_saying_a_template_is_needed()
    {
        _host.Receipts.Know(ChannelNames.WhatsApp, Sid);

        using var response = await PostStatusAsync(TwilioSamples.Status(Sid, "failed", to: "whatsapp:+79123456789", errorCode: "63016"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var receipt = Assert.Single(_host.Receipts.Recorded);
        Assert.Equal((ChannelNames.WhatsApp, ReceiptStatus.Failed), (receipt.Channel, receipt.Status));
        Assert.Contains("24 hours", receipt.Reason);
        Assert.Contains("template", receipt.Reason);
    }

    [Fact]
    public async Task A_stop_reported_by_callback_marks_the_customer_unreachable()
    {
        _host.Receipts.Know(ChannelNames.Sms, Sid);

        using var response = await PostStatusAsync(TwilioSamples.Status(Sid, "failed", errorCode: "21610"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("STOP", Assert.Single(_host.Receipts.Recorded).Reason);
        var (identity, reachable, reason) = Assert.Single(_host.Reachability.Calls);
        Assert.Equal("phone:+79123456789", identity.ToString());
        Assert.False(reachable);
        Assert.Contains("START", reason);
        Assert.Equal([ChannelNames.Sms], _host.Reachability.Channels);
    }

    [Fact]
    public async Task A_failure_without_a_code_still_says_what_happened()
    {
        _host.Receipts.Know(ChannelNames.Sms, Sid);
        using var response = await PostStatusAsync(TwilioSamples.Status(Sid, "undelivered"));

        Assert.Equal("Twilio reported the message as undelivered without giving a reason.", Assert.Single(_host.Receipts.Recorded).Reason);
    }

    [Fact]
    public async Task A_late_sent_after_delivered_is_dropped()
    {
        _host.Receipts.Know(ChannelNames.Sms, Sid);

        using var delivered = await PostStatusAsync(TwilioSamples.Status(Sid, "delivered"));
        using var sent = await PostStatusAsync(TwilioSamples.Status(Sid, "sent"));
        using var queued = await PostStatusAsync(TwilioSamples.Status(Sid, "queued"));

        Assert.All([delivered, sent, queued], r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal([ReceiptStatus.Delivered], _host.Receipts.Calls.Select(c => c.Receipt.Status));
    }

    [Fact]
    public async Task Statuses_in_order_are_all_passed_on()
    {
        _host.Receipts.Know(ChannelNames.Sms, Sid);
        foreach (var status in new[] { "sent", "delivered" })
        {
            using var response = await PostStatusAsync(TwilioSamples.Status(Sid, status));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal([ReceiptStatus.Sent, ReceiptStatus.Delivered], _host.Receipts.Recorded.Select(r => r.Status));
    }

    [Fact]
    public async Task An_unknown_sid_is_answered_200_and_ignored()
    {
        using var response = await PostStatusAsync(TwilioSamples.Status("SMnotours", "failed", errorCode: "21610"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(_host.Receipts.Recorded);
        Assert.NotEmpty(_host.Receipts.Calls);
        Assert.Empty(_host.Reachability.Calls);
    }

    [Fact]
    public async Task An_unknown_sid_is_answered_200_when_the_timers_fire_a_little_before_the_stopwatch_agrees()
    {
        // Timers count whole milliseconds on a coarser clock than the stopwatch: the wait can end with less than 1 ms of the
        // window left, and a Task.Delay of under 1 ms does not wait at all. The retry loop must still end, and answer 200.
        await using var host = await TwilioTestHost.StartAsync(clock: new EarlyTimers());

        using var response = await host.PostSignedFormAsync(TwilioSamples.StatusPath, TwilioSamples.Status("SMnotours", "failed", errorCode: "21610"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.InRange(host.Receipts.Calls.Count, 2, 10);
        Assert.Empty(host.Receipts.Recorded);
    }

    [Fact]
    public async Task A_final_status_that_overtakes_the_send_record_is_recorded_when_the_send_is()
    {
        // The outbox records the sid a moment after Twilio answered; Twilio's "failed" callback arrived first.
        _host.Receipts.Know(ChannelNames.WhatsApp, Sid, afterCalls: 1);

        using var response = await PostStatusAsync(TwilioSamples.Status(Sid, "failed", to: "whatsapp:+79123456789", errorCode: "63016"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([false, true], _host.Receipts.Calls.Select(c => c.Known));
        Assert.Equal(ReceiptStatus.Failed, Assert.Single(_host.Receipts.Recorded).Status);
    }

    [Fact]
    public async Task An_unknown_status_changes_nothing()
    {
        _host.Receipts.Know(ChannelNames.Sms, Sid);
        using var response = await PostStatusAsync(TwilioSamples.Status(Sid, "receiving"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(_host.Receipts.Calls);
    }

    [Fact]
    public async Task A_missing_or_wrong_signature_is_403_and_records_nothing()
    {
        _host.Receipts.Know(ChannelNames.Sms, Sid);
        using var missing = await _host.PostAsync(TwilioSamples.StatusPath, new FormUrlEncodedContent(TwilioSamples.Status(Sid, "delivered")), signature: null);
        using var wrong = await _host.PostSignedFormAsync(TwilioSamples.StatusPath, TwilioSamples.Status(Sid, "delivered"),
            signedUrl: TwilioTestHost.PublicBaseUrl + TwilioSamples.MessagesPath);

        Assert.Equal(HttpStatusCode.Forbidden, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Empty(_host.Receipts.Calls);
    }

    [Fact]
    public async Task A_json_status_callback_with_bodySHA256_is_accepted()
    {
        _host.Receipts.Know(ChannelNames.Sms, Sid);
        using var response = await _host.PostSignedJsonAsync(TwilioSamples.StatusPath,
            $"{{\"MessageSid\":\"{Sid}\",\"MessageStatus\":\"delivered\",\"To\":\"+79123456789\"}}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ReceiptStatus.Delivered, Assert.Single(_host.Receipts.Recorded).Status);
    }

    [Fact]
    public async Task A_signed_callback_without_MessageSid_is_400()
    {
        var form = TwilioSamples.Status(Sid, "delivered").With("MessageSid", null).With("SmsSid", null);
        using var response = await PostStatusAsync(form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_host.Receipts.Calls);
    }

    [Fact]
    public async Task A_node_that_stops_while_a_receipt_waits_for_its_send_never_answers_500_and_records_it_after_the_restart()
    {
        var intake = new RecordingWebhookIntakeStore();
        var longWait = new Dictionary<string, string?> { ["Channels:Twilio:UnknownReceiptRetryWindow"] = "00:05:00" };
        var first = await TwilioTestHost.StartAsync(longWait, intake: intake);
        using (var response = await first.SendSignedFormAsync(TwilioSamples.StatusPath, TwilioSamples.Status(Sid, "delivered")).WaitAsync(Signal.MaxWait))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode); // at once, not after the 5-minute wait for the send record
        }

        var firstReceipts = first.Receipts;
        await firstReceipts.Changed.WaitUntilAsync(() => firstReceipts.Calls.Count >= 1, "the receipt to be tried");
        await first.DisposeAsync(); // the node stops during the wait
        Assert.Empty(firstReceipts.Recorded);
        Assert.False(Assert.Single(intake.Entries).Dead);

        await using var second = await TwilioTestHost.StartAsync(longWait, intake: intake);
        second.Receipts.Know(ChannelNames.Sms, Sid);
        await intake.WaitUntilDrainedAsync();
        Assert.Equal(ReceiptStatus.Delivered, Assert.Single(second.Receipts.Recorded).Status);
        Assert.Empty(intake.Entries);
    }

    private Task<HttpResponseMessage> PostStatusAsync(List<KeyValuePair<string, string>> form) =>
        _host.PostSignedFormAsync(TwilioSamples.StatusPath, form);

    /// <summary>
    /// A clock whose time moves only when a timer is due, and whose timers fire half a millisecond before its stopwatch
    /// has moved the whole delay (as System timers on a coarse clock can).
    /// </summary>
    private sealed class EarlyTimers : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Read(ref _ticks);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Interlocked.Add(ref _ticks, Math.Max(0, dueTime.Ticks - (TimeSpan.TicksPerMillisecond / 2)));
            ThreadPool.QueueUserWorkItem(_ => callback(state));
            return new FiredTimer();
        }

        private sealed class FiredTimer : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => false;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
