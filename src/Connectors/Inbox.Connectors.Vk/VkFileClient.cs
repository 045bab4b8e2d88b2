using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Inbox.Connectors.Vk;

/// <summary>Downloads customers' photos from VK's CDN and uploads our files to the upload URLs VK hands out. Not rate limited: these are not API calls.</summary>
public sealed class VkFileClient(HttpClient http, ILogger<VkFileClient> logger)
{
    public async Task<VkDownload> DownloadAsync(string url, long maxBytes, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return new VkDownload(null, null, "the file address is not an http(s) URL");
        }

        try
        {
            using var response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                logger.LogWarning("Downloading a VK file answered HTTP {Status}", (int)response.StatusCode);
                var status = (int)response.StatusCode;
                return new VkDownload(null, null, $"VK answered HTTP {status}", status >= 500 || status is 408 or 429);
            }

            if (response.Content.Headers.ContentLength > maxBytes)
            {
                return new VkDownload(null, null, $"the file is larger than {maxBytes} bytes");
            }

            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return new VkDownload(null, null, $"the file is larger than {maxBytes} bytes");
                }

                buffer.Write(chunk, 0, read);
            }

            return new VkDownload(buffer.ToArray(), response.Content.Headers.ContentType?.MediaType, null);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Downloading a VK file failed: {Error}", ex.Message);
            return new VkDownload(null, null, $"the download failed ({ex.GetType().Name})", Transient: true);
        }
    }

    /// <summary>POSTs one file as multipart/form-data to an upload URL; VK's upload servers answer plain JSON (not wrapped in "response").</summary>
    public async Task<VkApiResult> UploadAsync(string uploadUrl, string fieldName, string fileName, string contentType, Stream content, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(uploadUrl, UriKind.Absolute, out var uri))
        {
            return new VkApiResult.Refused("VK gave an upload address that is not a URL");
        }

        try
        {
            using var form = new MultipartFormDataContent();
            var file = new StreamContent(content);
            file.Headers.ContentType = MediaTypeHeaderValue.TryParse(contentType, out var type) ? type : new MediaTypeHeaderValue("application/octet-stream");
            form.Add(file, fieldName, fileName);
            using var response = await http.PostAsync(uri, form, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (status >= 500 || status is 408 or 429)
            {
                return new VkApiResult.Unavailable($"the VK upload server answered HTTP {status}", VkApiClient.RetryAfter(response));
            }

            if (!response.IsSuccessStatusCode)
            {
                return new VkApiResult.Refused($"the VK upload server answered HTTP {status}");
            }

            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (!VkJson.TryParseDocument(body, out var document))
            {
                return new VkApiResult.Unavailable("the VK upload server answered something that is not JSON");
            }

            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error))
                {
                    var message = error.ValueKind == JsonValueKind.Object ? VkJson.GetString(error, "error_msg") ?? error.GetRawText() : error.ToString();
                    return new VkApiResult.Refused($"VK did not take the file: {message}");
                }

                return new VkApiResult.Success(root.Clone());
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Uploading a file to VK failed: {Error}", ex.Message);
            return new VkApiResult.Unavailable($"the upload to VK failed ({ex.GetType().Name}: {ex.Message})");
        }
    }
}
