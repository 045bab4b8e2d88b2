using System.Net;
using System.Text;
using Inbox.Web.Testing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Web.Tests;

/// <summary>
/// Every endpoint of the operators' API against every role, from one table of who may call what. An endpoint added without
/// a line here fails the first test, so no endpoint is left unchecked; the second calls each one as anonymous, operator,
/// supervisor and admin: below its role it is refused (401 without a login, 403 with one), from its role up it is not.
/// </summary>
public sealed class EndpointRolesTests : IAsyncLifetime
{
    private enum Role
    {
        Anonymous = 0,
        Operator = 1,
        Supervisor = 2,
        Admin = 3,
    }

    /// <summary>Who may call each endpoint: the lowest role that may.</summary>
    private static readonly IReadOnlyDictionary<string, Role> Table = new Dictionary<string, Role>
    {
        ["POST /api/v1/auth/login"] = Role.Anonymous,
        ["POST /api/v1/auth/token"] = Role.Anonymous,
        ["POST /api/v1/auth/refresh"] = Role.Anonymous,
        ["POST /api/v1/auth/logout"] = Role.Operator,
        ["GET /api/v1/auth/me"] = Role.Operator,
        ["GET /api/v1/auth/session"] = Role.Anonymous, // answers {authenticated: false} without a session
        ["POST /api/v1/inbound"] = Role.Anonymous, // the API channel's own token
        ["POST /api/v1/outbound/{messageId:guid}/status"] = Role.Anonymous, // the API channel's own token

        ["GET /api/v1/conversations/"] = Role.Operator,
        ["GET /api/v1/conversations/{id:guid}"] = Role.Operator,
        ["GET /api/v1/conversations/{id:guid}/messages"] = Role.Operator,
        ["GET /api/v1/conversations/{id:guid}/events"] = Role.Operator,
        ["POST /api/v1/conversations/{id:guid}/messages"] = Role.Operator,
        ["POST /api/v1/conversations/{id:guid}/notes"] = Role.Operator,
        ["POST /api/v1/conversations/{id:guid}/assign"] = Role.Operator,
        ["POST /api/v1/conversations/{id:guid}/take-over"] = Role.Operator,
        ["POST /api/v1/conversations/{id:guid}/unassign"] = Role.Operator,
        ["POST /api/v1/conversations/{id:guid}/resolve"] = Role.Operator,
        ["POST /api/v1/conversations/{id:guid}/reopen"] = Role.Operator,
        ["POST /api/v1/conversations/{id:guid}/transfer"] = Role.Operator,
        ["GET /api/v1/conversations/unread"] = Role.Operator,
        ["POST /api/v1/conversations/{id:guid}/read"] = Role.Operator,
        ["PUT /api/v1/conversations/{id:guid}/labels"] = Role.Operator,
        ["GET /api/v1/canned-replies/"] = Role.Operator,
        ["PUT /api/v1/canned-replies/{key}"] = Role.Supervisor,
        ["DELETE /api/v1/canned-replies/{key}"] = Role.Supervisor,

        ["GET /api/v1/customers/"] = Role.Operator,
        ["GET /api/v1/customers/{id:guid}"] = Role.Operator,
        ["POST /api/v1/customers/"] = Role.Operator,
        ["POST /api/v1/customers/{id:guid}/identities"] = Role.Operator,
        ["GET /api/v1/customers/{id:guid}/suggestions"] = Role.Operator,
        ["POST /api/v1/customers/{id:guid}/merge"] = Role.Supervisor,
        ["POST /api/v1/customers/{id:guid}/unmerge"] = Role.Supervisor,
        ["GET /api/v1/customers/{id:guid}/orders"] = Role.Operator,
        ["GET /api/v1/customers/{id:guid}/history"] = Role.Operator,

        ["GET /api/v1/attachments/{id:guid}"] = Role.Operator,
        ["POST /api/v1/attachments/"] = Role.Operator,
        ["GET /api/v1/calls/"] = Role.Operator,
        ["POST /api/v1/calls/{callId}/acknowledge"] = Role.Operator,

        ["GET /api/v1/me/presence"] = Role.Operator,
        ["PUT /api/v1/me/presence"] = Role.Operator,
        ["GET /api/v1/operators/presence"] = Role.Supervisor,
        ["PUT /api/v1/operators/{id:guid}/capacity"] = Role.Admin,
        ["GET /api/v1/operators/"] = Role.Supervisor,
        ["POST /api/v1/operators/"] = Role.Admin,
        ["POST /api/v1/operators/{id:guid}/disable"] = Role.Admin,
        ["POST /api/v1/operators/{id:guid}/enable"] = Role.Admin,
        ["POST /api/v1/operators/{id:guid}/unlock"] = Role.Admin,
        ["GET /api/v1/operators/lockouts"] = Role.Admin,
        ["DELETE /api/v1/operators/lockouts/{key}"] = Role.Admin,

        ["GET /api/v1/sla/policies"] = Role.Supervisor,
        ["PUT /api/v1/sla/policies"] = Role.Supervisor,
        ["GET /api/v1/reports/live"] = Role.Supervisor,
        ["GET /api/v1/reports/daily"] = Role.Supervisor,
        ["GET /api/v1/reports/daily.csv"] = Role.Supervisor,

        ["GET /api/v1/teams/"] = Role.Operator,
        ["GET /api/v1/teams/{key}"] = Role.Operator,
        ["PUT /api/v1/teams/{key}"] = Role.Supervisor,
        ["DELETE /api/v1/teams/{key}"] = Role.Supervisor,
        ["PUT /api/v1/teams/{key}/members/{operatorId:guid}"] = Role.Supervisor,
        ["DELETE /api/v1/teams/{key}/members/{operatorId:guid}"] = Role.Supervisor,
        ["PUT /api/v1/teams/{key}/auto-assign"] = Role.Supervisor,
        ["GET /api/v1/operators/{id:guid}/teams"] = Role.Operator,
        ["GET /api/v1/routing/rules"] = Role.Supervisor,
        ["PUT /api/v1/routing/rules"] = Role.Supervisor,
        ["GET /api/v1/operators/colleagues"] = Role.Operator,
    };

    private InboxServer _server = null!;

    public async Task InitializeAsync() => _server = await InboxServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public void Every_endpoint_of_the_api_has_its_role_in_the_table()
    {
        var mapped = ApiEndpoints().Select(e => e.Key).ToHashSet();

        Assert.Empty(mapped.Except(Table.Keys)); // a new endpoint: say here who may call it
        Assert.Empty(Table.Keys.Except(mapped)); // a line for an endpoint that is gone
    }

    [Fact]
    public async Task Each_endpoint_refuses_the_roles_below_its_own_and_serves_its_own_and_above()
    {
        var clients = new Dictionary<Role, HttpClient>
        {
            [Role.Anonymous] = _server.Client(),
            [Role.Operator] = await _server.OperatorClientAsync("operator"),
            [Role.Supervisor] = await _server.OperatorClientAsync("supervisor"),
            [Role.Admin] = await _server.OperatorClientAsync("admin"),
        };
        var wrong = new List<string>();
        // Logging out ends the session the client calls with: last.
        foreach (var (key, anonymousAllowed) in ApiEndpoints().OrderBy(e => e.Key.EndsWith("/logout", StringComparison.Ordinal)))
        {
            var lowest = Table[key];
            Assert.Equal(lowest == Role.Anonymous, anonymousAllowed);
            foreach (var (role, client) in clients)
            {
                var status = await CallAsync(client, key);
                var refused = status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;
                var expected = role < lowest ? (role == Role.Anonymous ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden) : (HttpStatusCode?)null;
                if (expected is { } refusal ? status != refusal : refused && lowest != Role.Anonymous)
                {
                    wrong.Add($"{key} as {role}: {(int)status}");
                }
            }
        }

        foreach (var client in clients.Values)
        {
            client.Dispose();
        }

        Assert.Empty(wrong);
    }

    /// <summary>The API's endpoints ("METHOD pattern"), and whether each lets anonymous callers in.</summary>
    private IEnumerable<KeyValuePair<string, bool>> ApiEndpoints() =>
        _server.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => new KeyValuePair<string, bool>($"{method} {e.RoutePattern.RawText}", e.Metadata.GetMetadata<IAllowAnonymous>() is not null)))
            .DistinctBy(e => e.Key);

    /// <summary>Calls the endpoint with made-up route values and an empty JSON body: the answer may be 400 or 404, but it says whether the caller was let in.</summary>
    private static async Task<HttpStatusCode> CallAsync(HttpClient client, string key)
    {
        var (method, pattern) = (key[..key.IndexOf(' ')], key[(key.IndexOf(' ') + 1)..]);
        var path = System.Text.RegularExpressions.Regex.Replace(pattern, @"\{(\w+)(:guid)?\}", m => m.Groups[2].Success ? Guid.NewGuid().ToString() : "made-up");
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
