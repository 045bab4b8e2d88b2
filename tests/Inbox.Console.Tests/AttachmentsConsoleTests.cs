using System.Text;
using Inbox.Console.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Inbox.Console.Tests;

/// <summary>Files in the reply box (issue 15): uploaded when chosen, listed and removable, refusals shown; sent, an image previews, a PDF downloads.</summary>
public sealed class AttachmentsConsoleTests : ConsoleTestBase
{
    // A 2×2 red PNG.
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==");

    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    [Fact]
    public async Task An_image_and_a_pdf_sent_from_the_reply_box_preview_and_download()
    {
        var errors = new List<string>();
        Page.PageError += (_, error) => errors.Add(error);
        var uploads = new List<string>();
        Page.Response += (_, response) => { if (response.Url.Contains("/api/v1/attachments")) uploads.Add($"{response.Request.Method} {response.Status}"); };
        await InboundAsync("+7 916 702-00-01", "Files Fiona", "Please send me the invoice");
        await LogInAsync(Page, "operator");
        await Page.Locator("#queue-list li", new() { HasText = "Files Fiona" }).ClickAsync();
        // Files are chosen in the reply box of the conversation on screen, once it is there.
        await Expect(Page.Locator("#timeline")).ToContainTextAsync("Please send me the invoice", Contains);

        await Page.SetInputFilesAsync("#reply-file", new[]
        {
            new FilePayload { Name = "photo.png", MimeType = "image/png", Buffer = Png },
            new FilePayload { Name = "invoice.pdf", MimeType = "application/pdf", Buffer = Pdf },
            new FilePayload { Name = "empty.txt", MimeType = "text/plain", Buffer = [] },
        });
        var chosen = Page.Locator("#reply-files li");
        await Expect(chosen).ToHaveCountAsync(3, new() { Timeout = 20_000 });
        await Expect(Page.Locator("#reply-files li[data-status=uploading]")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        var states = await chosen.EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.status + ': ' + i.textContent)");
        Assert.True(states.Count(s => s.StartsWith("ready", StringComparison.Ordinal)) == 2, string.Join(" | ", states) + " | " + string.Join(", ", uploads));
        // The server refused the empty file: its reason is shown next to it, and it can be removed before sending.
        var refused = Page.Locator("#reply-files li[data-status=failed]");
        await Expect(refused).ToContainTextAsync("empty.txt", Contains);
        await Expect(refused.Locator(".file-error")).ToContainTextAsync("not uploaded", Contains);
        await ScreenshotAsync(Page, "attachments-reply-box");
        await refused.Locator("button.remove").ClickAsync();
        await Expect(chosen).ToHaveCountAsync(2, new() { Timeout = 20_000 });

        await Page.FillAsync("#reply-text", "Here is the invoice and a photo");
        await Page.ClickAsync("#reply-send");

        var sent = Page.Locator("#timeline li.outbound", new() { HasText = "Here is the invoice and a photo" });
        await Expect(sent).ToBeVisibleAsync(Visible);
        await Expect(chosen).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        var image = sent.Locator("a.attachment.image img");
        await Expect(image).ToBeVisibleAsync(Visible);
        await Expect(image).ToHaveAttributeAsync("alt", "photo.png", Attribute);
        await Page.WaitForFunctionAsync("img => img.complete && img.naturalWidth === 2", await image.ElementHandleAsync(), new() { Timeout = 20_000 });
        var file = sent.Locator("a.attachment.file");
        await Expect(file).ToHaveTextAsync($"invoice.pdf ({Pdf.Length} B)", HasText);
        await ScreenshotAsync(Page, "attachments-timeline");

        var download = await Page.RunAndWaitForDownloadAsync(() => file.ClickAsync());
        Assert.Equal("invoice.pdf", download.SuggestedFilename);
        var path = await download.PathAsync();
        Assert.Equal(Pdf, await File.ReadAllBytesAsync(path));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_file_over_the_limit_is_refused_before_it_is_sent()
    {
        await InboundAsync("+7 916 702-00-02", "Big Bob", "Can I send you a video?");
        await LogInAsync(Page, "operator");
        await Page.Locator("#queue-list li", new() { HasText = "Big Bob" }).ClickAsync();
        await Expect(Page.Locator("#timeline")).ToContainTextAsync("Can I send you a video?", Contains);

        // A file one byte over the 20 MB limit, made in the page and chosen in the file input as a user's pick would be.
        // (Handing Playwright a 20 MB file sends it through its pipe as text, which can outlast a timeout on a busy machine.)
        await Page.EvaluateAsync("""
            () => {
              const input = document.getElementById('reply-file');
              const picked = new DataTransfer();
              picked.items.add(new File([new Uint8Array(20 * 1024 * 1024 + 1)], 'video.mp4', { type: 'video/mp4' }));
              input.files = picked.files;
              input.dispatchEvent(new Event('change', { bubbles: true }));
            }
            """);

        var refused = Page.Locator("#reply-files li[data-status=failed]");
        await Expect(refused).ToContainTextAsync("video.mp4", Contains);
        await Expect(refused.Locator(".file-error")).ToContainTextAsync("too big: files up to 20 MB can be sent", Contains);
        // Nothing to send: no text and no uploaded file.
        await Page.ClickAsync("#reply-send");
        await Expect(Page.Locator("#timeline li.outbound")).ToHaveCountAsync(0);
    }
}
