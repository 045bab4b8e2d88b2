using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.RegularExpressions;
using Inbox.Silo.Storage.Postgres;
using Inbox.Web.Live;
using Inbox.Web.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Inbox.Web.Tests;

/// <summary>
/// Issue 13: Docker cannot run where the tests run, so this reads docker/compose.yaml, docker/nginx.conf and
/// docker/Dockerfile and checks that they agree with the code and with each other, and starts one node as the compose
/// file sets it behind nginx.
/// </summary>
public sealed partial class ComposeFileTests
{
    /// <summary>The framework's own settings a node may be given (read by ASP.NET Core, not bound to an options class).</summary>
    private static readonly string[] FrameworkSettings = ["ASPNETCORE_FORWARDEDHEADERS_ENABLED", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_URLS"];

    private static readonly string Docker = Path.Combine(RepositoryRoot.Path, "docker");

    private readonly YamlMappingNode _services = (YamlMappingNode)Load("compose.yaml")["services"];

    [Fact]
    public void Every_setting_the_nodes_get_is_a_setting_Inbox_reads()
    {
        var sections = OptionsSections();
        var environment = Environment(Node());
        Assert.NotEmpty(environment);
        foreach (var key in environment.Keys)
        {
            if (key.StartsWith("ASPNETCORE_", StringComparison.Ordinal))
            {
                Assert.Contains(key, FrameworkSettings);
                continue;
            }

            var setting = key.Replace("__", ":", StringComparison.Ordinal);
            if (setting == PostgresOptions.ConnectionStringKey)
            {
                continue;
            }

            var split = setting.LastIndexOf(':');
            Assert.True(split > 0, $"{key} names no section");
            var (section, property) = (setting[..split], setting[(split + 1)..]);
            Assert.True(sections.TryGetValue(section, out var types), $"{key}: no options class binds the section {section}");
            Assert.True(types.Any(t => t.GetProperty(property, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)?.CanWrite == true),
                $"{key}: {string.Join(", ", types.Select(t => t.Name))} has no setting {property}");
        }
    }

    [Fact]
    public void The_nodes_form_one_cluster_on_PostgreSQL_and_keep_nothing_on_their_own_disks()
    {
        var node = Node();
        var environment = Environment(node);
        Assert.Equal("Postgres", environment["Storage__Provider"]);
        Assert.Contains("Host=postgres;", environment["ConnectionStrings__Postgres"], StringComparison.Ordinal);
        Assert.False(environment.ContainsKey("Orleans__AdvertisedAddress"), "each container advertises its own address (docker/entrypoint.sh)");
        Assert.Contains("Orleans__AdvertisedAddress", File.ReadAllText(Path.Combine(Docker, "entrypoint.sh")), StringComparison.Ordinal);
        Assert.Equal("false", environment["Demo__Enabled"]);

        // The key ring and attachments' bytes are in PostgreSQL: no keys folder, no volume, any replica is like another.
        Assert.False(environment.ContainsKey("DataProtection__KeysPath"), "a keys folder would be per container");
        Assert.Contains("DATA_PROTECTION_KEY", environment["DataProtection__Key"], StringComparison.Ordinal);
        Assert.False(node.Children.ContainsKey("volumes"), "the nodes need no volume");
    }

    [Fact]
    public void Each_service_waits_for_the_one_before_it_to_be_healthy()
    {
        Assert.Contains("pg_isready", Service("postgres")["healthcheck"]["test"].ToString(), StringComparison.Ordinal);
        Assert.Equal("service_healthy", Node()["depends_on"]["postgres"]["condition"].ToString());
        Assert.Contains("/health/live", Node()["healthcheck"]["test"].ToString(), StringComparison.Ordinal);
        Assert.Equal("service_healthy", Service("lb")["depends_on"][NodeService]["condition"].ToString());
    }

    [Fact]
    public void Every_variable_the_compose_file_reads_is_documented_in_the_example_env_file()
    {
        var documented = File.ReadAllLines(Path.Combine(Docker, ".env.example"))
            .Where(l => l.Contains('=', StringComparison.Ordinal) && !l.StartsWith('#'))
            .Select(l => l[..l.IndexOf('=', StringComparison.Ordinal)].Trim())
            .ToHashSet(StringComparer.Ordinal);
        var read = Variable().Matches(File.ReadAllText(Path.Combine(Docker, "compose.yaml"))).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.NotEmpty(read);
        Assert.All(read, name => Assert.Contains(name, documented));
    }

    [Fact]
    public void Nginx_sends_to_the_nodes_port_and_passes_WebSockets_for_the_hub()
    {
        var nginx = File.ReadAllText(Path.Combine(Docker, "nginx.conf"));
        var port = Regex.Match(File.ReadAllText(Path.Combine(Docker, "Dockerfile")), @"ASPNETCORE_HTTP_PORTS=(\d+)").Groups[1].Value;
        Assert.Contains($"server {NodeService}:{port}", nginx, StringComparison.Ordinal);
        Assert.Contains("hash $remote_addr", nginx, StringComparison.Ordinal);
        Assert.Contains("proxy_set_header Upgrade $http_upgrade;", nginx, StringComparison.Ordinal);
        var hubs = InboxHub.Path[..(InboxHub.Path.LastIndexOf('/') + 1)];
        Assert.Contains($"location {hubs} ", nginx, StringComparison.Ordinal);
        Assert.Contains("./nginx.conf:/etc/nginx/nginx.conf", Service("lb")["volumes"][0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_restore_layer_of_the_Dockerfile_copies_every_project_Inbox_Web_needs()
    {
        var dockerfile = File.ReadAllText(Path.Combine(Docker, "Dockerfile"));
        var projects = new SortedSet<string>(StringComparer.Ordinal);
        Collect("src/Inbox.Web/Inbox.Web.csproj", projects);
        Assert.True(projects.Count > 5);
        Assert.All(projects, project => Assert.Contains($"COPY {project} {Path.GetDirectoryName(project)!.Replace('\\', '/')}/", dockerfile, StringComparison.Ordinal));
        Assert.Contains("COPY global.json Directory.Build.props Directory.Packages.props ./", dockerfile, StringComparison.Ordinal);
        Assert.Equal("docker/Dockerfile", Node()["build"]["dockerfile"].ToString());
    }

    [Fact]
    public async Task Behind_nginx_login_throttling_counts_the_client_address_it_forwards()
    {
        // ASPNETCORE_FORWARDEDHEADERS_ENABLED is the framework's host setting ForwardedHeaders_Enabled.
        Assert.Equal("true", Environment(Node())["ASPNETCORE_FORWARDEDHEADERS_ENABLED"]);
        Assert.Contains("proxy_set_header X-Forwarded-For $remote_addr;", File.ReadAllText(Path.Combine(Docker, "nginx.conf")), StringComparison.Ordinal);
        await using var server = await InboxServer.StartAsync(new Dictionary<string, string?>
        {
            ["ForwardedHeaders_Enabled"] = "true",
            ["Auth:MaxFailuresPerAddress"] = "2",
        });

        Assert.Equal(HttpStatusCode.Unauthorized, await LoginFromAsync(server, "203.0.113.7", "wrong-password"));
        Assert.Equal(HttpStatusCode.Unauthorized, await LoginFromAsync(server, "203.0.113.7", "wrong-password"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await LoginFromAsync(server, "203.0.113.7", InboxServer.DemoPassword));
        Assert.Equal(HttpStatusCode.OK, await LoginFromAsync(server, "198.51.100.9", InboxServer.DemoPassword)); // not nginx's one address
    }

    private static async Task<HttpStatusCode> LoginFromAsync(InboxServer server, string clientAddress, string password)
    {
        using var client = server.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/token") { Content = JsonContent.Create(new { login = "operator", password }) };
        request.Headers.Add("X-Forwarded-For", clientAddress);
        return (await client.SendAsync(request)).StatusCode;
    }

    private const string NodeService = "inbox";

    private YamlMappingNode Node() => Service(NodeService);

    private YamlMappingNode Service(string name) => (YamlMappingNode)_services[name];

    private static YamlMappingNode Load(string file)
    {
        using var reader = new StreamReader(Path.Combine(Docker, file));
        var yaml = new YamlStream();
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    private static Dictionary<string, string> Environment(YamlMappingNode service) =>
        ((YamlMappingNode)service["environment"]).Children.ToDictionary(e => e.Key.ToString(), e => e.Value.ToString(), StringComparer.Ordinal);

    /// <summary>Every options class of Inbox's assemblies (those beside the tests), by its section (<c>SectionName</c>).</summary>
    private static Dictionary<string, List<Type>> OptionsSections() =>
        Directory.GetFiles(AppContext.BaseDirectory, "Inbox.*.dll")
            .SelectMany(file => Assembly.LoadFrom(file).GetTypes())
            .Select(t => (Type: t, Field: t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)))
            .Where(t => t.Field is { IsLiteral: true })
            .GroupBy(t => (string)t.Field!.GetRawConstantValue()!, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Select(t => t.Type).ToList(), StringComparer.OrdinalIgnoreCase);

    private static void Collect(string project, ISet<string> projects)
    {
        if (!projects.Add(project))
        {
            return;
        }

        var folder = Path.GetDirectoryName(project)!;
        foreach (Match reference in ProjectReference().Matches(File.ReadAllText(Path.Combine(RepositoryRoot.Path, project))))
        {
            var full = Path.GetFullPath(Path.Combine(RepositoryRoot.Path, folder, reference.Groups[1].Value.Replace('\\', '/')));
            Collect(Path.GetRelativePath(RepositoryRoot.Path, full).Replace('\\', '/'), projects);
        }
    }

    [GeneratedRegex(@"\$\{([A-Z_][A-Z0-9_]*)")]
    private static partial Regex Variable();

    [GeneratedRegex("ProjectReference Include=\"([^\"]+)\"")]
    private static partial Regex ProjectReference();
}
