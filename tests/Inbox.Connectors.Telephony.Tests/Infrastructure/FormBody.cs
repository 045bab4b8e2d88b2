using System.Net.Http.Headers;
using System.Text;

namespace Inbox.Connectors.Telephony.Tests.Infrastructure;

/// <summary>Builds form bodies the way providers send them, including badly encoded ones.</summary>
public static class FormBody
{
    /// <summary>application/x-www-form-urlencoded, every name and value percent-encoded.</summary>
    public static HttpContent Encoded(params (string Name, string Value)[] fields) =>
        Raw(string.Join('&', fields.Select(f => Uri.EscapeDataString(f.Name) + "=" + Uri.EscapeDataString(f.Value))));

    /// <summary>application/x-www-form-urlencoded exactly as given (for a PBX that forgets to encode "+").</summary>
    public static HttpContent Raw(string body)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        return content;
    }

    public static HttpContent Json(string json)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }
}
