using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Inbox.Connectors.Twilio.Tests.Infrastructure;
using Inbox.Identity;

namespace Inbox.Connectors.Twilio.Tests;

/// <summary><c>POST /webhooks/twilio/messages</c> on a real Kestrel, with channels.md §3's bad inputs.</summary>
public sealed class TwilioInboundWebhookTests : IAsyncLifetime
{
    private const string Twiml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private TwilioTestHost _host = null!;

    public async Task InitializeAsync() => _host = await TwilioTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_signed_whatsapp_message_is_stored_and_answered_with_empty_twiml()
    {
        using var response = await _host.PostSignedFormAsync(TwilioSamples.MessagesPath, TwilioSamples.WhatsApp());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Twiml, await response.Content.ReadAsStringAsync());
        var stored = Assert.Single(_host.Pipeline.Stored);
        Assert.Equal(ChannelNames.WhatsApp, stored.Channel);
        Assert.Equal("SM0123456789abcdef0123456789abcdef", stored.ExternalId);
        Assert.Equal(["phone:+79123456789"], stored.From.Select(i => i.ToString()));
        Assert.Equal("Иван", stored.SenderName);
        Assert.Equal("Где мой заказ?", stored.Text);
        Assert.Null(stored.Attachments);
    }

    [Fact]
    public async Task Twilio_is_answered_only_after_the_message_is_kept()
    {
        _host.Intake.HoldAdd = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var posting = _host.SendSignedFormAsync(TwilioSamples.MessagesPath, TwilioSamples.Sms());
        await _host.Intake.AddEntered.Task.WaitAsync(Bound);
        Assert.False(posting.IsCompleted); // not kept yet: no answer yet

        _host.Intake.HoldAdd.SetResult();
        using var response = await posting.WaitAsync(Bound);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Twiml, await response.Content.ReadAsStringAsync());
        await _host.Pipeline.WaitForStoredAsync(1);
    }

    [Fact]
    public async Task When_the_message_cannot_be_kept_the_answer_is_503_and_nothing_is_stored()
    {
        _host.Intake.AddFailuresToThrow = 1;

        using var response = await _host.PostSignedFormAsync(TwilioSamples.MessagesPath, TwilioSamples.Sms());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Empty(_host.Pipeline.Calls);
    }

    [Fact]
    public async Task A_storage_failure_after_the_answer_is_retried_and_the_message_is_stored_once()
    {
        _host.Pipeline.FailuresToThrow = 2;

        using var response = await _host.PostSignedFormAsync(TwilioSamples.MessagesPath, TwilioSamples.Sms());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TwilioSamples.Sms()[0].Value, Assert.Single(_host.Pipeline.Stored).ExternalId);
        Assert.Equal(3, _host.Pipeline.Calls.Count);
        Assert.Empty(_host.Intake.Entries);
    }

    [Fact]
    public async Task A_whatsapp_and_an_sms_from_one_number_are_one_customer()
    {
        using var whatsApp = await _host.PostSignedFormAsync(TwilioSamples.MessagesPath, TwilioSamples.WhatsApp());
        using var sms = await _host.PostSignedFormAsync(TwilioSamples.MessagesPath, TwilioSamples.Sms(from: "+7 (912) 345-67-89"));

        Assert.Equal(HttpStatusCode.OK, whatsApp.StatusCode);
        Assert.Equal(HttpStatusCode.OK, sms.StatusCode);
        var stored = _host.Pipeline.Stored;
        Assert.Equal([ChannelNames.Sms, ChannelNames.WhatsApp], stored.Select(m => m.Channel).Order());
        Assert.All(stored, m => Assert.Equal("phone:+79123456789", m.From[0].ToString()));
        Assert.NotNull(_host.Pipeline.CustomerOf("phone:+79123456789"));
        Assert.Single(stored.SelectMany(m => m.From).Distinct());
    }

    [Fact]
    public async Task A_missing_signature_is_403_and_stores_nothing()
    {
        using var response = await _host.PostAsync(TwilioSamples.MessagesPath, new FormUrlEncodedContent(TwilioSamples.WhatsApp()), signature: null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(_host.Pipeline.Calls);
        Assert.Empty(_host.Twilio.MediaRequests);
    }

    [Fact]
    public async Task A_wrong_signature_is_403_and_stores_nothing()
    {
        using var wrongToken = await _host.PostSignedFormAsync(TwilioSamples.MessagesPath, TwilioSamples.WhatsApp(),
            signature: TwilioSignature.Compute("another_token", TwilioTestHost.PublicBaseUrl + TwilioSamples.MessagesPath, TwilioSamples.WhatsApp()));
        using var garbage = await _host.PostSignedFormAsync(TwilioSamples.MessagesPath, TwilioSamples.WhatsApp(), signature: "not-a-signature");
        using var tampered = await _host.PostSignedFormAsync(TwilioSamples.MessagesPath, TwilioSamples.WhatsApp(body: "Верните деньги на карту 4276…"),
            signedParameters: TwilioSamples.WhatsApp());

        Assert.Equal(HttpStatusCode.Forbidden, wrongToken.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, garbage.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);
        Assert.Contains("X-Twilio-Signature", await tampered.Content.ReadAsStringAsync());
        Assert.Empty(_host.Pipeline.Calls);
    }

    [Fact]
    public async Task The_signature_is_checked_against_the_public_url_not_the_proxied_one()
    {
        // Signed over the address the request actually reached (behind the proxy): not the URL Twilio was given.
        using var internalUrl = await _host.PostSignedFormAsync(TwilioSamples.MessagesPath, TwilioSamples.WhatsApp("SM1"),
            signedUrl: _host.LocalUrl + TwilioSamples.MessagesPath);
        // A port the public URL does not have.
        using var otherPort = await _host.PostSignedFormAsync(TwilioSamples.MessagesPath, TwilioSamples.WhatsApp("SM2"),
            signedUrl: "https://inbox.example.com:8443" + TwilioSamples.MessagesPath);
        // Another scheme.
        using var otherScheme = await _host.PostSignedFormAsync(TwilioSamples.MessagesPath, TwilioSamples.WhatsApp("SM3"),
            signedUrl: "http://inbox.example.com" + TwilioSamples.MessagesPath);
        // The public URL with its default port written out: Twilio's libraries accept it, so do we.
        using var defaultPort = await _host.PostSignedFormAsync(TwilioSamples.MessagesPath, TwilioSamples.WhatsApp("SM4"),
            signedUrl: "https://inbox.example.com:443" + TwilioSamples.MessagesPath);

        Assert.Equal(HttpStatusCode.Forbidden, internalUrl.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherPort.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherScheme.StatusCode);
        Assert.Equal(HttpStatusCode.OK, defaultPort.StatusCode);
        Assert.Equal(["SM4"], _host.Pipeline.Stored.Select(m => m.ExternalId));
        Assert.Contains("https://inbox.example.com/webhooks/twilio/messages", await internalUrl.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_query_string_is_part_of_the_signed_url()
    {
        const string withQuery = TwilioSamples.MessagesPath + "?tenant=acme&note=a%20b";
        using var signedWithQuery = await _host.PostSignedFormAsync(withQuery, TwilioSamples.WhatsApp("SM1"));
        using var signedWithoutQuery = await _host.PostSignedFormAsync(withQuery, TwilioSamples.WhatsApp("SM2"),
            signedUrl: TwilioTestHost.PublicBaseUrl + TwilioSamples.MessagesPath);

        Assert.Equal(HttpStatusCode.OK, signedWithQuery.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, signedWithoutQuery.StatusCode);
        Assert.Equal(["SM1"], _host.Pipeline.Stored.Select(m => m.ExternalId));
    }

    [Fact]
    public async Task Unseen_and_repeated_parameters_are_signed_over_and_accepted()
    {
        var form = TwilioSamples.WhatsApp()
            .With("ChannelMetadata", "{\"type\":\"whatsapp\"}")
            .With("ReferralNumMedia", "0")
            .Append(new("Tag", "b")).Append(new("Tag", "a")).ToList();

        using var accepted = await _host.PostSignedFormAsync(TwilioSamples.MessagesPath, form);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);

        // The same repeated values in another order still match; one value changed does not.
        var reordered = form.Where(p => p.Key != "Tag").Append(new("Tag", "a")).Append(new("Tag", "b")).With("MessageSid", "SM2").ToList();
        using var sameValues = await _host.PostSignedFormAsync(TwilioSamples.MessagesPath, reordered,
            signedParameters: form.With("MessageSid", "SM2"));
        var changed = form.Where(p => p.Key != "Tag").Append(new("Tag", "a")).Append(new("Tag", "c")).With("MessageSid", "SM3").ToList();
        using var changedValue = await _host.PostSignedFormAsync(TwilioSamples.MessagesPath, changed, signedParameters: form.With("MessageSid", "SM3"));
        // A parameter added after signing.
        using var added = await _host.PostSignedFormAsync(TwilioSamples.MessagesPath, form.With("MessageSid", "SM4").With("Injected", "1"),
            signedParameters: form.With("MessageSid", "SM4"));

        Assert.Equal(HttpStatusCode.OK, sameValues.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, changedValue.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, added.StatusCode);
        Assert.Equal(["SM0123456789abcdef0123456789abcdef", "SM2"], _host.Pipeline.Stored.Select(m => m.ExternalId).Order());
    }

    [Fact]
    public async Task A_json_body_with_bodySHA256_is_accepted()
    {
        const string json = "{\"MessageSid\":\"SMjson\",\"From\":\"whatsapp:+79123456789\",\"WaId\":\"79123456789\",\"ProfileName\":\"Иван\",\"Body\":\"тест\",\"NumMedia\":0}";
        using var response = await _host.PostSignedJsonAsync(TwilioSamples.MessagesPath, json);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = Assert.Single(_host.Pipeline.Stored);
        Assert.Equal(("SMjson", "тест", ChannelNames.WhatsApp), (stored.ExternalId, stored.Text, stored.Channel));
    }

    [Fact]
    public async Task A_json_body_that_does_not_match_its_bodySHA256_or_has_none_is_403()
    {
        const string json = "{\"MessageSid\":\"SMjson\",\"From\":\"+79123456789\",\"Body\":\"тест\"}";
        var hash = TwilioSignature.ComputeBodyHash(Encoding.UTF8.GetBytes(json));
        var pathAndQuery = $"{TwilioSamples.MessagesPath}?bodySHA256={hash}";
        var signature = TwilioSignature.Compute(FakeTwilioServer.AuthToken, TwilioTestHost.PublicBaseUrl + pathAndQuery);

        // The URL and its hash are signed correctly, but the body was changed on the way.
        using var tampered = await _host.PostAsync(pathAndQuery, Json(json.Replace("тест", "иное", StringComparison.Ordinal)), signature);
        // A JSON body without bodySHA256: a signature over the URL alone would cover any body.
        using var unhashed = await _host.PostAsync(TwilioSamples.MessagesPath, Json(json),
            TwilioSignature.Compute(FakeTwilioServer.AuthToken, TwilioTestHost.PublicBaseUrl + TwilioSamples.MessagesPath));
        // The right body and hash, signed over another URL.
        using var wrongUrl = await _host.PostAsync(pathAndQuery, Json(json),
            TwilioSignature.Compute(FakeTwilioServer.AuthToken, _host.LocalUrl + pathAndQuery));
        // The right everything: accepted (so the refusals above are about what was changed).
        using var right = await _host.PostAsync(pathAndQuery, Json(json), signature);

        Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, unhashed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrongUrl.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal("тест", Assert.Single(_host.Pipeline.Stored).Text);
    }

    [Fact]
    public async Task A_signed_json_body_that_is_not_an_object_is_400()
    {
        using var response = await _host.PostSignedJsonAsync(TwilioSamples.MessagesPath, "[\"SM1\"]");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_host.Pipeline.Calls);
    }

    [Fact]
    public async Task Media_are_downloaded_with_basic_auth_and_handed_over_with_the_message()
    {
        var photo = new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3 };
        var url = _host.Twilio.AddMedia("ME0123456789abcdef0123456789abcdef", photo, "image/jpeg");
        var form = TwilioSamples.WhatsApp(body: "Вот чек").With("NumMedia", "1").With("MediaUrl0", url).With("MediaContentType0", "image/jpeg");

        using var response = await _host.PostSignedFormAsync(TwilioSamples.MessagesPath, form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (_, authorization) = Assert.Single(_host.Twilio.MediaRequests);
        Assert.Equal(FakeTwilioServer.ValidAuthorization, authorization);
        var stored = Assert.Single(_host.Pipeline.Stored);
        Assert.Equal("Вот чек", stored.Text);
        var file = Assert.Single(stored.Attachments!);
        Assert.Equal(photo, file.Content);
        Assert.Equal("image/jpeg", file.ContentType);
        Assert.Equal("ME0123456789abcdef0123456789abcdef.jpg", file.FileName);
        Assert.Equal("ME0123456789abcdef0123456789abcdef", file.ProviderFileId);
    }

    [Fact]
    public async Task NumMedia_disagreeing_with_the_urls_present_loses_no_file()
    {
        var first = _host.Twilio.AddMedia("ME1", [1], "image/png");
        var second = _host.Twilio.AddMedia("ME2", [2], "application/pdf");
        // NumMedia says 1 but two URLs came; another message says 3 but one came.
        var more = TwilioSamples.WhatsApp("SMmore").With("NumMedia", "1")
            .With("MediaUrl0", first).With("MediaContentType0", "image/png")
            .With("MediaUrl1", second).With("MediaContentType1", "application/pdf");
        var fewer = TwilioSamples.WhatsApp("SMfewer").With("NumMedia", "3").With("MediaUrl0", first).With("MediaContentType0", "image/png");

        using var moreResponse = await _host.PostSignedFormAsync(TwilioSamples.MessagesPath, more);
        using var fewerResponse = await _host.PostSignedFormAsync(TwilioSamples.MessagesPath, fewer);

        Assert.Equal(HttpStatusCode.OK, moreResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fewerResponse.StatusCode);
        var stored = _host.Pipeline.Stored.ToDictionary(m => m.ExternalId);
        Assert.Equal(["ME1.png", "ME2.pdf"], stored["SMmore"].Attachments!.Select(a => a.FileName));
        Assert.Equal(["ME1.png"], stored["SMfewer"].Attachments!.Select(a => a.FileName));
        Assert.Equal("Где мой заказ?", stored["SMfewer"].Text);
    }

    [Fact]
    public async Task An_empty_body_with_media_is_stored_as_a_file_without_text()
    {
        var url = _host.Twilio.AddMedia("MEvoice", [7, 7, 7], "audio/ogg");
        var form = TwilioSamples.WhatsApp(body: "").With("NumMedia", "1").With("MediaUrl0", url).With("MediaContentType0", "audio/ogg");

        using var response = await _host.PostSignedFormAsync(TwilioSamples.MessagesPath, form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = Assert.Single(_host.Pipeline.Stored);
        Assert.Equal("", stored.Text);
        Assert.Equal("MEvoice.ogg", Assert.Single(stored.Attachments!).FileName);
    }

    [Fact]
    public async Task A_file_that_cannot_be_downloaded_becomes_a_note_and_the_message_is_kept()
    {
        var missing = _host.Twilio.Url + $"/2010-04-01/Accounts/{FakeTwilioServer.AccountSid}/Messages/MM1/Media/MEgone";
        var form = TwilioSamples.WhatsApp(body: "Фото").With("NumMedia", "1").With("MediaUrl0", missing).With("MediaContentType0", "image/jpeg");

        using var response = await _host.PostSignedFormAsync(TwilioSamples.MessagesPath, form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = Assert.Single(_host.Pipeline.Stored);
        Assert.Null(stored.Attachments);
        Assert.StartsWith("Фото\n[Attachment 1 (image/jpeg) could not be downloaded from Twilio: Twilio answered HTTP 404.]", stored.Text);
    }

    [Fact]
    public async Task A_file_Twilio_cannot_serve_for_now_is_fetched_again_and_the_message_arrives_with_it_once()
    {
        var photo = new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 9 };
        var url = _host.Twilio.AddMedia("ME1111111111111111111111111111111", photo, "image/jpeg");
        _host.Twilio.MediaFailures = 1;
        var form = TwilioSamples.WhatsApp(body: "Фото").With("NumMedia", "1").With("MediaUrl0", url).With("MediaContentType0", "image/jpeg");

        using var response = await _host.PostSignedFormAsync(TwilioSamples.MessagesPath, form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = Assert.Single(_host.Pipeline.Stored);
        Assert.Equal("Фото", stored.Text);
        Assert.Equal(photo, Assert.Single(stored.Attachments!).Content);
        Assert.Equal(2, _host.Twilio.MediaRequests.Count);
        Assert.Equal(1, _host.Pipeline.AcceptCalls);
    }

    [Fact]
    public async Task Credentials_are_not_sent_to_a_host_that_is_not_Twilio()
    {
        await using var elsewhere = await FakeTwilioServer.StartAsync(requireCredentials: false);
        var url = elsewhere.AddMedia("MEelsewhere", [1, 2], "image/png");
        var form = TwilioSamples.WhatsApp().With("NumMedia", "1").With("MediaUrl0", url).With("MediaContentType0", "image/png");

        using var response = await _host.PostSignedFormAsync(TwilioSamples.MessagesPath, form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (_, authorization) = Assert.Single(elsewhere.MediaRequests);
        Assert.Null(authorization);
        Assert.Equal([1, 2], Assert.Single(Assert.Single(_host.Pipeline.Stored).Attachments!).Content);
    }

    [Fact]
    public async Task A_repeated_MessageSid_is_answered_the_same_and_stored_once()
    {
        using var first = await _host.PostSignedFormAsync(TwilioSamples.MessagesPath, TwilioSamples.WhatsApp());
        using var again = await _host.PostSignedFormAsync(TwilioSamples.MessagesPath, TwilioSamples.WhatsApp());

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(Twiml, await again.Content.ReadAsStringAsync());
        Assert.Equal(2, _host.Pipeline.Calls.Count);
        Assert.Single(_host.Pipeline.Stored);
    }

    [Fact]
    public async Task Twilio_is_answered_while_storing_is_still_busy_and_the_message_is_then_stored_once()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _host.Pipeline.Hold = gate;

        using var first = await _host.SendSignedFormAsync(TwilioSamples.MessagesPath, TwilioSamples.Sms()).WaitAsync(Bound);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(Twiml, await first.Content.ReadAsStringAsync());
        await _host.Pipeline.Entered.Task.WaitAsync(Bound);
        Assert.Empty(_host.Pipeline.Stored); // answered before the pipeline finished

        gate.SetResult();
        var stored = await _host.Pipeline.FirstStored.Task.WaitAsync(Bound);

        // A repeat of the same MessageSid is answered the same and stored once.
        _host.Pipeline.Hold = null;
        using var retry = await _host.PostSignedFormAsync(TwilioSamples.MessagesPath, TwilioSamples.Sms());
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(stored.ExternalId, Assert.Single(_host.Pipeline.Stored).ExternalId);
    }

    [Theory]
    [InlineData("messenger:1234567890")]
    [InlineData("rcs:+79123456789")]
    [InlineData("sip:ivan@example.com")]
    [InlineData("anonymous")]
    [InlineData("+266696687")]
    [InlineData("MyShop")]
    public async Task Unknown_prefixes_and_anonymous_senders_get_empty_twiml_and_nothing_is_kept(string from)
    {
        using var response = await _host.PostSignedFormAsync(TwilioSamples.MessagesPath, TwilioSamples.Sms().With("From", from));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // a 4xx would be Twilio's error 11200
        Assert.Equal(Twiml, await response.Content.ReadAsStringAsync());
        Assert.Empty(_host.Pipeline.Calls);
        Assert.Equal(0, _host.Intake.Added);
        Assert.Contains(_host.Logs.Entries, e => e.Category == typeof(TwilioMessageWebhook).FullName && e.Template.Contains("not taken", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_signed_request_without_MessageSid_is_400()
    {
        var form = TwilioSamples.Sms().With("MessageSid", null).With("SmsMessageSid", null).With("SmsSid", null);
        using var response = await _host.PostSignedFormAsync(TwilioSamples.MessagesPath, form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_host.Pipeline.Calls);
    }

    [Fact]
    public async Task A_body_over_one_megabyte_is_413()
    {
        var form = TwilioSamples.Sms().With("Body", new string('x', 1_100_000));
        using var response = await _host.PostSignedFormAsync(TwilioSamples.MessagesPath, form);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(_host.Pipeline.Calls);
    }

    [Fact]
    public async Task Twilio_opt_out_and_opt_in_are_shown_on_the_customer_card()
    {
        using var stop = await _host.PostSignedFormAsync(TwilioSamples.MessagesPath, TwilioSamples.Sms("SMstop", body: "STOP").With("OptOutType", "STOP"));
        using var start = await _host.PostSignedFormAsync(TwilioSamples.MessagesPath, TwilioSamples.Sms("SMstart", body: "START").With("OptOutType", "START"));

        Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        Assert.Equal(2, _host.Pipeline.Stored.Count); // the keywords are messages too
        Assert.Equal([("phone:+79123456789", false), ("phone:+79123456789", true)],
            _host.Reachability.Calls.Select(c => (c.Identity.ToString(), c.Reachable)));
        Assert.Equal([ChannelNames.Sms, ChannelNames.Sms], _host.Reachability.Channels); // STOP to SMS says nothing about WhatsApp
    }

    [Fact]
    public async Task Logs_carry_phones_and_texts_only_in_masked_properties()
    {
        var url = _host.Twilio.Url + $"/2010-04-01/Accounts/{FakeTwilioServer.AccountSid}/Messages/MM1/Media/MEgone";
        using var first = await _host.PostSignedFormAsync(TwilioSamples.MessagesPath, TwilioSamples.WhatsApp(body: "Секретный текст").With("NumMedia", "2").With("MediaUrl0", url));
        using var refused = await _host.PostSignedFormAsync(TwilioSamples.MessagesPath, TwilioSamples.WhatsApp(body: "Секретный текст"), signature: "bad");
        _host.Twilio.AnswerNextCreate(new FakeTwilioAnswer(400, 21211, "The 'To' number +79123456789 is not a valid phone number."));
        await _host.Sender(ChannelNames.Sms).SendAsync(new OutboundMessage(Guid.NewGuid(), Guid.NewGuid(), ChannelNames.Sms,
            new ChannelIdentity(IdentityKinds.Phone, "+79123456789"), "Секретный текст", 1, DateTimeOffset.UtcNow), CancellationToken.None);

        var entries = _host.Logs.Entries.Where(e => e.Category.StartsWith("Inbox.", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(entries);
        foreach (var entry in entries)
        {
            Assert.DoesNotContain("9123456789", entry.Template);
            Assert.DoesNotContain("Секретный", entry.Template);
            foreach (var (name, value) in entry.Properties)
            {
                var text = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
                if (text.Contains("9123456789", StringComparison.Ordinal) || text.Contains("Секретный", StringComparison.Ordinal))
                {
                    Assert.Contains(name, new[] { "Phone", "Identity", "Text", "Email" });
                }
            }
        }
    }

    private static ByteArrayContent Json(string json)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }
}
