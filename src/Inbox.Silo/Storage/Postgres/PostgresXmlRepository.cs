using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace Inbox.Silo.Storage.Postgres;

/// <summary>
/// The data-protection key ring in PostgreSQL's <c>data_protection_keys</c>, one row per element (a key, a revocation) under its
/// friendly name, so that nodes share it without sharing a folder. Rows are only inserted, in a transaction that commits
/// durably: an element never replaces another, and one whose name is taken is kept under a fresh name (as the file system's
/// repository does). Encryption at rest (<c>DataProtection:Key</c> or a certificate) has been applied before an element gets here.
/// </summary>
public sealed class PostgresXmlRepository(PostgresDatabase database) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = database.Open();
        using var command = new NpgsqlCommand("SELECT xml FROM data_protection_keys ORDER BY created_at, friendly_name", connection);
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
        {
            elements.Add(XElement.Parse(reader.GetString(0)));
        }

        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        var xml = element.ToString(SaveOptions.DisableFormatting);
        using var connection = database.Open();
        using var transaction = PostgresDatabase.BeginDurable(connection);
        var name = string.IsNullOrWhiteSpace(friendlyName) ? Guid.NewGuid().ToString() : friendlyName;
        while (!Inserted(connection, transaction, name, xml))
        {
            name = $"{friendlyName}-{Guid.NewGuid():N}";
        }

        transaction.Commit();
    }

    private static bool Inserted(NpgsqlConnection connection, NpgsqlTransaction transaction, string name, string xml)
    {
        using var command = new NpgsqlCommand(
            "INSERT INTO data_protection_keys (friendly_name, xml) VALUES (@name, @xml) ON CONFLICT (friendly_name) DO NOTHING", connection, transaction);
        command.Parameters.AddWithValue("name", name);
        command.Parameters.AddWithValue("xml", xml);
        return command.ExecuteNonQuery() == 1;
    }
}
