using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Inbox.Connectors.Twilio;

/// <summary>
/// A thin client of Twilio's REST API (no SDK is available): create a message, list recent messages, and download an inbound
/// message's media. Every call authenticates with HTTP Basic <c>AccountSid:AuthToken</c>. It never throws for an HTTP error:
/// the answer says what Twilio said. Network failures and timeouts do throw (the callers turn them into retries).
/// </summary>
public sealed class TwilioRestClient(HttpClient http, IOptions<TwilioChannelOptions> options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    public async Task<TwilioApiResponse<TwilioMessageResource>> CreateMessageAsync(TwilioCreateMessage message, CancellationToken cancellationToken)
    {
        var form = new List<KeyValuePair<string, string>> { new("To", message.To) };
        if (!string.IsNullOrEmpty(message.MessagingServiceSid))
        {
            form.Add(new("MessagingServiceSid", message.MessagingServiceSid));
        }
        else
        {
            form.Add(new("From", message.From ?? ""));
        }

        form.Add(new("Body", message.Body));
        if (!string.IsNullOrEmpty(message.StatusCallback))
        {
            form.Add(new("StatusCallback", message.StatusCallback));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, MessagesUrl()) { Content = new FormUrlEncodedContent(form) };
        return await SendAsync<TwilioMessageResource>(request, cancellationToken);
    }

    /// <summary>The newest messages to <paramref name="to"/> (and from <paramref name="from"/>, when given), newest first.</summary>
    public async Task<TwilioApiResponse<TwilioMessagePage>> ListMessagesAsync(string to, string? from, int pageSize, CancellationToken cancellationToken)
    {
        var query = new StringBuilder("?To=").Append(Uri.EscapeDataString(to));
        if (!string.IsNullOrEmpty(from))
        {
            query.Append("&From=").Append(Uri.EscapeDataString(from));
        }

        query.Append("&PageSize=").Append(pageSize.ToString(CultureInfo.InvariantCulture));
        using var request = new HttpRequestMessage(HttpMethod.Get, MessagesUrl() + query);
        return await SendAsync<TwilioMessagePage>(request, cancellationToken);
    }

    /// <summary>
    /// Downloads one media file (following Twilio's redirect to its storage). The credentials go only to Twilio's own hosts
    /// (and to <see cref="TwilioChannelOptions.ApiBaseUrl"/>), never to another host a URL might name.
    /// </summary>
    public async Task<TwilioMediaDownload> DownloadMediaAsync(Uri url, long maxBytes, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (MayCarryCredentials(url))
        {
            request.Headers.Authorization = Credentials();
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var status = (int)response.StatusCode;
            return new TwilioMediaDownload(null, null, null, $"Twilio answered HTTP {status}", status >= 500 || status is 408 or 429);
        }

        if (response.Content.Headers.ContentLength > maxBytes)
        {
            return new TwilioMediaDownload(null, null, null, $"the file is larger than {maxBytes / 1024 / 1024} MB");
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return new TwilioMediaDownload(null, null, null, $"the file is larger than {maxBytes / 1024 / 1024} MB");
            }

            buffer.Write(chunk, 0, read);
        }

        var disposition = response.Content.Headers.ContentDisposition;
        var fileName = (disposition?.FileNameStar ?? disposition?.FileName)?.Trim('"');
        return new TwilioMediaDownload(buffer.ToArray(), response.Content.Headers.ContentType?.MediaType, fileName, null);
    }

    private async Task<TwilioApiResponse<T>> SendAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken)
        where T : class
    {
        request.Headers.Authorization = Credentials();
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await http.SendAsync(request, cancellationToken);
        var retryAfter = RetryAfter(response);
        if (response.IsSuccessStatusCode)
        {
            var value = await ReadJsonAsync<T>(response, cancellationToken);
            return new TwilioApiResponse<T>(response.StatusCode, value, null, retryAfter);
        }

        var error = await ReadJsonAsync<TwilioApiError>(response, cancellationToken);
        return new TwilioApiResponse<T>(response.StatusCode, null, error, retryAfter);
    }

    private static async Task<T?> ReadJsonAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (NotSupportedException)
        {
            return null; // not JSON at all (an HTML error page from a proxy)
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is not { } retryAfter)
        {
            return null;
        }

        if (retryAfter.Delta is { } delta)
        {
            return delta;
        }

        return retryAfter.Date is { } date && date > DateTimeOffset.UtcNow ? date - DateTimeOffset.UtcNow : null;
    }

    private string MessagesUrl()
    {
        var settings = options.Value;
        var apiBase = (string.IsNullOrWhiteSpace(settings.ApiBaseUrl) ? TwilioChannelOptions.DefaultApiBaseUrl : settings.ApiBaseUrl).TrimEnd('/');
        return $"{apiBase}/2010-04-01/Accounts/{Uri.EscapeDataString(settings.AccountSid ?? "")}/Messages.json";
    }

    private AuthenticationHeaderValue Credentials()
    {
        var settings = options.Value;
        return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.AccountSid}:{settings.AuthToken}")));
    }

    private bool MayCarryCredentials(Uri url)
    {
        if (Uri.TryCreate(options.Value.ApiBaseUrl, UriKind.Absolute, out var api)
            && Uri.Compare(url, api, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0)
        {
            return true;
        }

        return url.Scheme == Uri.UriSchemeHttps
            && (url.Host.Equals("twilio.com", StringComparison.OrdinalIgnoreCase) || url.Host.EndsWith(".twilio.com", StringComparison.OrdinalIgnoreCase));
    }
}
