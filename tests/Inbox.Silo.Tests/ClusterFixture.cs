using Inbox.Domain.Live;
using Inbox.Domain.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Inbox.Silo.Tests;

/// <summary>An in-process Orleans test cluster running Inbox's grains on a real SQLite file (the grains' state; the stores too unless a subclass chooses another provider).</summary>
public class ClusterFixture : IAsyncLifetime
{
    private readonly TempDatabase _file = new();
    private readonly IReadOnlyDictionary<string, string> _settings;

    /// <summary>
    /// A silo with the bot switched off: conversations start in the operators' queue. Presence is quick: an operator with no
    /// console is offline after a second, and a connection its node does not renew expires after two.
    /// </summary>
    public ClusterFixture()
        : this(new Dictionary<string, string>
        {
            ["Chatbot:Enabled"] = "false",
            ["Routing:OfflineGrace"] = "00:00:01",
            ["Routing:ConnectionLifetime"] = "00:00:02",
        })
    {
    }

    /// <param name="settings">Configuration of the silo on top of the store's path.</param>
    /// <param name="silos">How many silos the cluster has (all in this process, on the same store).</param>
    protected ClusterFixture(IReadOnlyDictionary<string, string> settings, short silos = 1)
    {
        _settings = settings;
        _silos = silos;
    }

    private readonly short _silos;

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    public string DatabasePath => _file.Path;

    /// <summary>The services of the (only) silo, to look at its store and recorded events.</summary>
    public IServiceProvider SiloServices => ((InProcessSiloHandle)Cluster.Primary!).SiloHost!.Services;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(_silos);
        builder.Properties["Storage:Sqlite:Path"] = _file.Path;
        foreach (var (key, value) in _settings)
        {
            builder.Properties[key] = value;
        }

        await ConfigureAsync(builder.Properties);
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public virtual async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _file.Dispose();
    }

    /// <summary>Settings the silo starts with beyond the SQLite file.</summary>
    protected virtual Task ConfigureAsync(IDictionary<string, string?> properties) => Task.CompletedTask;

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.AddInboxGrains(siloBuilder.Configuration);
            // The provider's customer directory, behind one a test can make fail (FaultyCustomerDirectory).
            var directory = siloBuilder.Services.Last(d => d.ServiceType == typeof(ICustomerDirectory));
            siloBuilder.Services.Remove(directory);
            siloBuilder.Services.AddSingleton(sp => new FaultyCustomerDirectory(
                (ICustomerDirectory)ActivatorUtilities.CreateInstance(sp, directory.ImplementationType!)));
            siloBuilder.Services.AddSingleton<ICustomerDirectory>(sp => sp.GetRequiredService<FaultyCustomerDirectory>());
            siloBuilder.Services.AddSingleton<GrainCallCounter>();
            siloBuilder.Services.AddSingleton<IIncomingGrainCallFilter>(sp => sp.GetRequiredService<GrainCallCounter>());
            siloBuilder.Services.AddSingleton<RecordingPublisher>();
            siloBuilder.Services.AddSingleton<ILiveEventPublisher>(sp => sp.GetRequiredService<RecordingPublisher>());
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
