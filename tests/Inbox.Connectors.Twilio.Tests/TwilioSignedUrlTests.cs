using Microsoft.AspNetCore.Http;

namespace Inbox.Connectors.Twilio.Tests;

/// <summary>Messaging and voice webhooks check the signature over one URL, built in one place.</summary>
public sealed class TwilioSignedUrlTests
{
    private static HttpRequest Request(string pathBase, string path, string query)
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("10.0.0.5:8080");
        context.Request.PathBase = new PathString(pathBase);
        context.Request.Path = new PathString(path);
        context.Request.QueryString = new QueryString(query);
        return context.Request;
    }

    [Fact]
    public void Behind_a_proxy_the_public_address_replaces_scheme_host_and_the_mapped_path()
    {
        var request = Request("/inbox", "/webhooks/twilio/voice", "?rc=5&note=a%20b");

        Assert.Equal("https://shop.example/inbox/webhooks/twilio/voice?rc=5&note=a%20b", TwilioSignedUrl.For(request, "https://shop.example/inbox/"));
    }

    [Fact]
    public void Without_a_public_address_it_is_the_url_the_request_arrived_at()
    {
        var request = Request("/inbox", "/webhooks/twilio/messages", "?x=%C3%A9");

        Assert.Equal("http://10.0.0.5:8080/inbox/webhooks/twilio/messages?x=%C3%A9", TwilioSignedUrl.For(request, null));
    }

    [Fact]
    public void A_path_keeps_its_encoding()
    {
        var request = Request("", "/webhooks/twilio/a b", "");

        Assert.Equal("https://shop.example/webhooks/twilio/a%20b", TwilioSignedUrl.For(request, "https://shop.example"));
    }
}
