using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inbox.Connectors.Twilio;

/// <summary>
/// Downloads the files of one inbound message, all at once, within <see cref="TwilioChannelOptions.MediaDownloadTimeout"/>
/// (after Twilio has had its answer: the webhook intake runs this). A file Twilio cannot serve for a passing reason (a 5xx, a
/// timeout) throws <see cref="TwilioMediaUnavailableException"/> so that the message is tried again, unless asked for best effort.
/// A file that cannot be had for good (or at best effort) does not lose the message: it becomes a note in the text, so the
/// operator knows to ask for it again.
/// </summary>
public sealed class TwilioMediaDownloader(TwilioRestClient client, IOptions<TwilioChannelOptions> options, ILogger<TwilioMediaDownloader> logger)
{
    private static readonly Dictionary<string, string> Extensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["image/jpeg"] = ".jpg",
        ["image/png"] = ".png",
        ["image/gif"] = ".gif",
        ["image/webp"] = ".webp",
        ["image/heic"] = ".heic",
        ["audio/ogg"] = ".ogg",
        ["audio/mpeg"] = ".mp3",
        ["audio/amr"] = ".amr",
        ["audio/mp4"] = ".m4a",
        ["audio/aac"] = ".aac",
        ["video/mp4"] = ".mp4",
        ["video/3gpp"] = ".3gp",
        ["application/pdf"] = ".pdf",
        ["text/vcard"] = ".vcf",
        ["text/x-vcard"] = ".vcf",
        ["text/plain"] = ".txt",
    };

    public async Task<(IReadOnlyList<InboundAttachment> Files, IReadOnlyList<string> Notes)> DownloadAsync(
        string messageSid, IReadOnlyList<TwilioMediaReference> media, bool bestEffort, CancellationToken cancellationToken)
    {
        if (media.Count == 0)
        {
            return ([], []);
        }

        var settings = options.Value;
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(settings.MediaDownloadTimeout);
        var results = await Task.WhenAll(media.Select(m => DownloadOneAsync(messageSid, m, settings.MaxMediaBytes, budget.Token, cancellationToken)));
        if (!bestEffort && results.FirstOrDefault(r => r.Transient) is { Note: { } passing })
        {
            throw new TwilioMediaUnavailableException($"a file of Twilio message {messageSid} could not be fetched for now: {passing}");
        }

        var files = results.Where(r => r.File is not null).Select(r => r.File!).ToList();
        var notes = results.Where(r => r.Note is not null).Select(r => r.Note!).ToList();
        return (files, notes);
    }

    private async Task<(InboundAttachment? File, string? Note, bool Transient)> DownloadOneAsync(
        string messageSid, TwilioMediaReference media, long maxBytes, CancellationToken budget, CancellationToken cancellationToken)
    {
        var number = (media.Index + 1).ToString(CultureInfo.InvariantCulture);
        string failure;
        var transient = true;
        try
        {
            var download = await client.DownloadMediaAsync(media.Url, maxBytes, budget);
            if (download.Content is not null)
            {
                var contentType = media.ContentType ?? download.ContentType ?? "application/octet-stream";
                var mediaSid = media.Url.Segments.LastOrDefault()?.Trim('/');
                return (new InboundAttachment(FileName(download.FileName, mediaSid, media.Index, contentType), contentType, download.Content, mediaSid), null, false);
            }

            failure = download.Failure ?? "unknown failure";
            transient = download.Transient;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            failure = budget.IsCancellationRequested ? "the download took too long" : ex.GetType().Name;
        }

        logger.LogWarning("File {MediaIndex} of Twilio message {MessageSid} could not be downloaded: {Failure}", media.Index, messageSid, failure);
        return (null, $"[Attachment {number} ({media.ContentType ?? "file"}) could not be downloaded from Twilio: {failure}.]", transient);
    }

    private static string FileName(string? offered, string? mediaSid, int index, string contentType)
    {
        var name = string.IsNullOrWhiteSpace(offered) ? null : Path.GetFileName(offered.Trim());
        if (!string.IsNullOrWhiteSpace(name))
        {
            return name;
        }

        var stem = string.IsNullOrWhiteSpace(mediaSid) ? $"media{index.ToString(CultureInfo.InvariantCulture)}" : mediaSid;
        var mediaType = contentType.Split(';')[0].Trim();
        return stem + (Extensions.TryGetValue(mediaType, out var extension) ? extension : ".bin");
    }
}
