using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Inbox.Silo.Storage.Postgres;

/// <summary>Keeps the data-protection key ring in the PostgreSQL store (<see cref="PostgresXmlRepository"/>, <see cref="PostgresKeyRingStart"/>).</summary>
public static class PostgresKeyRing
{
    /// <summary>Where the key ring is, as the node names it (the key-ring warning, the docs).</summary>
    public const string Location = "PostgreSQL table data_protection_keys";

    /// <summary>Persists the key ring to the registered <see cref="PostgresDatabase"/>; its at-rest encryption is configured apart.</summary>
    public static IDataProtectionBuilder PersistKeysToPostgres(this IDataProtectionBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new PostgresXmlRepository(sp.GetRequiredService<PostgresDatabase>())));
        var start = ServiceDescriptor.Singleton<IHostedService, PostgresKeyRingStart>();
        var dataProtectionStart = builder.Services.ToList().FindIndex(d =>
            d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Assembly == typeof(KeyManagementOptions).Assembly);
        if (dataProtectionStart < 0)
        {
            builder.Services.Add(start);
        }
        else
        {
            builder.Services.Insert(dataProtectionStart, start);
        }

        return builder;
    }
}
