using System.Net;
using System.Net.Http.Json;

namespace Inbox.Benchmarks;

/// <summary>Logs in through <c>POST /api/v1/auth/token</c> and returns the access token for the hub.</summary>
public static class InboxAuth
{
    private const int Attempts = 3;

    public static async Task<string> GetAccessTokenAsync(HttpClient http, Uri inbox, BenchOptions options, CancellationToken cancellationToken)
    {
        var address = new Uri(inbox, "/api/v1/auth/token");
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            try
            {
                using var response = await http.PostAsJsonAsync(address, new TokenRequest(options.Login, options.Password), BenchJson.Options, cancellationToken);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new BenchmarkFailedException($"Login as '{options.Login}' was refused: {(int)response.StatusCode} {response.ReasonPhrase}.");
                }

                var token = await response.Content.ReadFromJsonAsync<TokenResponse>(BenchJson.Options, cancellationToken);
                return string.IsNullOrEmpty(token?.AccessToken)
                    ? throw new BenchmarkFailedException("The login answer has no accessToken.")
                    : token.AccessToken;
            }
            catch (HttpRequestException ex) when (attempt < Attempts)
            {
                Console.Error.WriteLine($"Login attempt {attempt} of {Attempts} failed ({ex.Message}); trying again in 2 s.");
                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            }
            catch (HttpRequestException ex)
            {
                throw new BenchmarkFailedException($"Could not reach {address} after {Attempts} attempts: {ex.Message}", ex);
            }
        }

        throw new BenchmarkFailedException($"Could not log in at {address}.");
    }
}
