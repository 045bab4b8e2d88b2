using Inbox.Domain.Operators;
using Inbox.Silo.Storage.Sqlite;
using Inbox.Web.Live;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace Inbox.Web.Auth;

public static class AuthSetup
{
    /// <summary>The console's login cookie.</summary>
    public const string CookieName = "inbox.auth";

    public static IServiceCollection AddInboxAuth(this IServiceCollection services, IConfiguration configuration)
    {
        var database = configuration.GetSection(SqliteOptions.SectionName).Get<SqliteOptions>() ?? new SqliteOptions();
        var keys = configuration.GetSection(KeyRingOptions.SectionName).Get<KeyRingOptions>()?.KeysPath is { Length: > 0 } configured
            ? configured
            : Path.Combine(database.DataFolder, "keys");
        services.AddOptions<DemoOptions>().Bind(configuration.GetSection(DemoOptions.SectionName));
        // The key ring is kept unencrypted at rest (no certificate to encrypt it with), so its folder is the owner's alone.
        CreateOwnerOnlyFolder(keys);
        services.AddDataProtection().SetApplicationName("inbox").PersistKeysToFileSystem(new DirectoryInfo(keys));
        services.AddSingleton<IPasswordHasher<OperatorAccount>, PasswordHasher<OperatorAccount>>();

        services.AddAuthentication(InboxPolicies.Scheme)
            .AddPolicyScheme(InboxPolicies.Scheme, "Cookie or bearer token", options =>
            {
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    || (context.Request.Path.StartsWithSegments(InboxHub.Path) && context.Request.Query.ContainsKey("access_token"))
                        ? BearerTokenDefaults.AuthenticationScheme
                        : CookieAuthenticationDefaults.AuthenticationScheme;
            })
            .AddCookie(options =>
            {
                options.Cookie.Name = CookieName;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.SlidingExpiration = true;
                options.ExpireTimeSpan = TimeSpan.FromHours(12);
                // The API and the hub answer 401/403; only a browser page would be redirected, and the console handles login itself.
                options.Events.OnRedirectToLogin = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return Task.CompletedTask;
                };
                options.Events.OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            })
            .AddBearerToken(options =>
            {
                options.BearerTokenExpiration = TimeSpan.FromHours(8);
                options.Events.OnMessageReceived = context =>
                {
                    // Browsers' WebSockets cannot send headers: SignalR passes the token in the query string.
                    if (context.HttpContext.Request.Path.StartsWithSegments(InboxHub.Path) && context.Request.Query.TryGetValue("access_token", out var token))
                    {
                        context.Token = token;
                    }

                    return Task.CompletedTask;
                };
            });

        services.AddAuthorizationBuilder()
            .AddPolicy(InboxPolicies.Operator, p => p.RequireAuthenticatedUser().RequireRole(nameof(OperatorRole.Operator), nameof(OperatorRole.Supervisor), nameof(OperatorRole.Admin)))
            .AddPolicy(InboxPolicies.Supervisor, p => p.RequireAuthenticatedUser().RequireRole(nameof(OperatorRole.Supervisor), nameof(OperatorRole.Admin)))
            .AddPolicy(InboxPolicies.Admin, p => p.RequireAuthenticatedUser().RequireRole(nameof(OperatorRole.Admin)));
        return services;
    }

    private static void CreateOwnerOnlyFolder(string path)
    {
        try
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(path);
            }
            else
            {
                Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            // data protection reports an unusable folder itself, naming the path
        }
    }
}
