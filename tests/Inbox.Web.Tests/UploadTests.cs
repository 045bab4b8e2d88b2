using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Inbox.Domain.Conversations;
using Inbox.Web.Tests.Infrastructure;

namespace Inbox.Web.Tests;

/// <summary>
/// Issue 12, item 17: a malformed multipart upload (a body that ends early, too many parts, a file name with a line break)
/// is the client's mistake, answered 400, never 500; a file name is stored as one clean line without bidirectional controls.
/// </summary>
public sealed class UploadTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Boundary = "inbox-test-boundary";

    private InboxServer Server => fixture.Server;

    [Fact]
    public async Task A_body_that_ends_before_its_last_boundary_is_400()
    {
        using var op = await Server.OperatorClientAsync();

        var response = await op.PostAsync("/api/v1/attachments", Multipart(FilePart("a.txt", "hello"), closed: false));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task More_parts_than_the_limit_is_400()
    {
        using var op = await Server.OperatorClientAsync();
        var fields = Enumerable.Range(0, new LimitsOptions().MaxUploadParts).Select(i => $"--{Boundary}\r\nContent-Disposition: form-data; name=\"f{i}\"\r\n\r\nx\r\n");

        var response = await op.PostAsync("/api/v1/attachments", Multipart(string.Concat(fields) + FilePart("a.txt", "hello")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("filename=\"a\r\nb.txt\"")]
    [InlineData("filename=\"x\"; filename*=UTF-8''a%0D%0AX-Injected:%201.txt")]
    public async Task A_line_break_inside_the_file_name_is_400(string name)
    {
        using var op = await Server.OperatorClientAsync();
        var part = $"--{Boundary}\r\nContent-Disposition: form-data; name=\"file\"; {name}\r\nContent-Type: text/plain\r\n\r\nhello\r\n";

        var response = await op.PostAsync("/api/v1/attachments", Multipart(part));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"file\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a%09tab.txt", "a tab.txt")]
    [InlineData("invoice%E2%80%AEfdp.exe", "invoicefdp.exe")]
    [InlineData("%E2%81%A6report%E2%81%A9%E2%80%8F.pdf", "report.pdf")]
    public async Task Encoded_line_breaks_and_bidirectional_controls_are_cleaned_from_the_name(string encoded, string stored)
    {
        using var op = await Server.OperatorClientAsync();
        var part = $"--{Boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x\"; filename*=UTF-8''{encoded}\r\n" +
                   "Content-Type: text/plain\r\n\r\nhello\r\n";

        var response = await op.PostAsync("/api/v1/attachments", Multipart(part));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var info = await response.ReadAsync<AttachmentInfo>();
        Assert.Equal(stored, info.FileName);
        var download = await op.GetAsync($"/api/v1/attachments/{info.AttachmentId}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(stored, download.Content.Headers.ContentDisposition?.FileNameStar);
    }

    private static string FilePart(string fileName, string content) =>
        $"--{Boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{fileName}\"\r\nContent-Type: text/plain\r\n\r\n{content}\r\n";

    private static ByteArrayContent Multipart(string parts, bool closed = true)
    {
        var body = new ByteArrayContent(Encoding.UTF8.GetBytes(closed ? parts + $"--{Boundary}--\r\n" : parts));
        body.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={Boundary}");
        return body;
    }
}
