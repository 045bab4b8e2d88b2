using Inbox.Domain.Operators;
using Inbox.Silo;
using Inbox.Silo.Storage.Postgres;
using Inbox.Silo.Storage.Sqlite;
using Inbox.Web.Live;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Inbox.Web.Auth;

public static class AuthSetup
{
    /// <summary>The console's login cookie.</summary>
    public const string CookieName = "inbox.auth";

    public static IServiceCollection AddInboxAuth(this IServiceCollection services, IConfiguration configuration)
    {
        var database = configuration.GetSection(SqliteOptions.SectionName).Get<SqliteOptions>() ?? new SqliteOptions();
        var keyRingSection = configuration.GetSection(KeyRingOptions.SectionName);
        var keyRing = keyRingSection.Get<KeyRingOptions>() ?? new KeyRingOptions();
        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        // Without a KeysPath the key ring is in the store on PostgreSQL, which every node shares, and beside the database on SQLite.
        var keys = keyRing.KeysPath is { Length: > 0 } configured ? configured : storage.IsPostgres ? null : Path.Combine(database.DataFolder, "keys");
        var auth = configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>() ?? new AuthOptions();

        services.AddSingleton<AuthSettingsValidator>();
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>>(sp => sp.GetRequiredService<AuthSettingsValidator>());
        services.AddOptions<DemoOptions>().Bind(configuration.GetSection(DemoOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DemoOptions>>(sp => sp.GetRequiredService<AuthSettingsValidator>());
        services.AddOptions<BootstrapOptions>().Bind(configuration.GetSection(BootstrapOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BootstrapOptions>>(sp => sp.GetRequiredService<AuthSettingsValidator>());
        services.AddOptions<KeyRingOptions>().Bind(keyRingSection).PostConfigure(o => o.KeysPath = keys).ValidateOnStart();
        services.AddSingleton<IValidateOptions<KeyRingOptions>>(sp => sp.GetRequiredService<AuthSettingsValidator>());

        var dataProtection = services.AddDataProtection().SetApplicationName("inbox");
        if (keys is null)
        {
            dataProtection.PersistKeysToPostgres();
        }
        else
        {
            // Unless a certificate or key encrypts the key ring, it is kept in plain text (KeyRingWarning says so at start), so its folder is the owner's alone.
            CreateOwnerOnlyFolder(keys);
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(keys));
        }

        dataProtection.ProtectKeys(keyRing);
        services.AddHostedService<KeyRingWarning>();
        services.AddSingleton<IPasswordHasher<OperatorAccount>, PasswordHasher<OperatorAccount>>();
        services.AddMemoryCache();
        services.AddSingleton<SessionValidator>();
        services.AddSingleton<OperatorSessions>();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<OperatorLogin>();
        services.AddSingleton<ConsoleSessionSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<ConsoleSessionSweeper>());
        services.AddSingleton<SignInHousekeeping>();
        services.AddHostedService(sp => sp.GetRequiredService<SignInHousekeeping>());

        // Every request's cookie or token is checked against its session (SessionAuthenticationHandler); the cookie lasts
        // as long as its session (Auth:SessionLifetime, a working day), a bearer token Auth:AccessTokenLifetime.
        services.AddAuthentication(InboxPolicies.Scheme)
            .AddScheme<AuthenticationSchemeOptions, SessionAuthenticationHandler>(InboxPolicies.Scheme, "Cookie or bearer token, with a live session", _ => { })
            .AddCookie(options =>
            {
                options.Cookie.Name = CookieName;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.SlidingExpiration = false;
                options.ExpireTimeSpan = auth.SessionLifetime;
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
                options.BearerTokenExpiration = auth.AccessTokenLifetime;
                options.RefreshTokenExpiration = auth.SessionLifetime;
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
