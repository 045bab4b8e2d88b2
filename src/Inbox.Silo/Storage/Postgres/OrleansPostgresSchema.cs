namespace Inbox.Silo.Storage.Postgres;

/// <summary>
/// The tables and named queries (<c>OrleansQuery</c> rows) that Orleans' ADO.NET providers 10.4.2 (clustering, grain
/// storage, reminders) read from PostgreSQL. The packages hold only the assemblies, so this is our own migration of the
/// contract in Orleans' sources at that version: the same table and column names (unquoted, so PostgreSQL folds them to
/// lower case, as the providers' queries expect), the same query keys, the parameters each provider binds and the
/// columns it reads back. Every statement may run again: tables and indexes are created if missing, queries upserted.
/// </summary>
public static class OrleansPostgresSchema
{
    /// <summary>The tables and indexes.</summary>
    public const string Tables = """
        CREATE TABLE IF NOT EXISTS OrleansQuery
        (
            QueryKey varchar(64) NOT NULL,
            QueryText varchar(8000) NOT NULL,
            CONSTRAINT OrleansQuery_Key PRIMARY KEY (QueryKey)
        );

        -- Membership: one version row per cluster (the table's ETag), one row per silo incarnation.
        CREATE TABLE IF NOT EXISTS OrleansMembershipVersionTable
        (
            DeploymentId varchar(150) NOT NULL,
            Timestamp timestamptz(3) NOT NULL DEFAULT now(),
            Version integer NOT NULL DEFAULT 0,
            CONSTRAINT PK_OrleansMembershipVersionTable_DeploymentId PRIMARY KEY (DeploymentId)
        );

        CREATE TABLE IF NOT EXISTS OrleansMembershipTable
        (
            DeploymentId varchar(150) NOT NULL,
            Address varchar(45) NOT NULL,
            Port integer NOT NULL,
            Generation integer NOT NULL,
            SiloName varchar(150) NOT NULL,
            HostName varchar(150) NOT NULL,
            Status integer NOT NULL,
            ProxyPort integer NULL,
            SuspectTimes varchar(8000) NULL,
            StartTime timestamptz(3) NOT NULL,
            IAmAliveTime timestamptz(3) NOT NULL,
            CONSTRAINT PK_MembershipTable_DeploymentId PRIMARY KEY (DeploymentId, Address, Port, Generation),
            CONSTRAINT FK_MembershipTable_MembershipVersionTable_DeploymentId
                FOREIGN KEY (DeploymentId) REFERENCES OrleansMembershipVersionTable (DeploymentId)
        );

        -- Grain state: one row per service, grain type and grain; Version is the ETag.
        CREATE TABLE IF NOT EXISTS OrleansStorage
        (
            GrainIdHash integer NOT NULL,
            GrainIdN0 bigint NOT NULL,
            GrainIdN1 bigint NOT NULL,
            GrainTypeHash integer NOT NULL,
            GrainTypeString varchar(512) NOT NULL,
            GrainIdExtensionString varchar(512) NULL,
            ServiceId varchar(150) NOT NULL,
            PayloadBinary bytea NULL,
            PayloadXml xml NULL,
            PayloadJson text NULL,
            ModifiedOn timestamp NOT NULL,
            Version integer NULL
        );

        CREATE INDEX IF NOT EXISTS ix_orleansstorage ON OrleansStorage (GrainIdHash, GrainTypeHash);

        -- Two first writes of one grain at once (two activations in a split cluster): only one row may win.
        CREATE UNIQUE INDEX IF NOT EXISTS ux_orleansstorage_grain
            ON OrleansStorage (ServiceId, GrainTypeHash, GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeString)
            WHERE GrainIdExtensionString IS NULL;

        CREATE UNIQUE INDEX IF NOT EXISTS ux_orleansstorage_grain_extension
            ON OrleansStorage (ServiceId, GrainTypeHash, GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeString, GrainIdExtensionString)
            WHERE GrainIdExtensionString IS NOT NULL;

        -- Reminders: Period in milliseconds; GrainHash places the row on the silos' hash ring; Version is the ETag.
        CREATE TABLE IF NOT EXISTS OrleansRemindersTable
        (
            ServiceId varchar(150) NOT NULL,
            GrainId varchar(150) NOT NULL,
            ReminderName varchar(150) NOT NULL,
            StartTime timestamptz(3) NOT NULL,
            Period bigint NOT NULL,
            GrainHash integer NOT NULL,
            Version integer NOT NULL,
            CONSTRAINT PK_RemindersTable_ServiceId_GrainId_ReminderName PRIMARY KEY (ServiceId, GrainId, ReminderName)
        );

        CREATE INDEX IF NOT EXISTS ix_orleansreminderstable_grainhash ON OrleansRemindersTable (ServiceId, GrainHash);
        """;

    private const string SiloRow = "DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation";

    private const string GrainRow = """
        ServiceId = @ServiceId AND GrainTypeHash = @GrainTypeHash AND GrainIdHash = @GrainIdHash
                AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1 AND GrainTypeString = @GrainTypeString
                AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString::varchar
        """;

    private const string MembershipColumns = """
        v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
                m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
        """;

    /// <summary>
    /// Bumps the cluster's version when the caller's <c>@Version</c> is current and the silo's row does (<c>EXISTS</c>) or
    /// does not (<c>NOT EXISTS</c>) exist yet; answers a row when it did. The row lock on the version serialises writers.
    /// </summary>
    private static string BumpVersionIf(string rowExistence) => $"""
        UPDATE OrleansMembershipVersionTable SET Version = Version + 1, Timestamp = now()
                WHERE DeploymentId = @DeploymentId AND Version = @Version AND Version < 2147483647
                    AND {rowExistence} (SELECT 1 FROM OrleansMembershipTable WHERE {SiloRow})
                RETURNING 1
        """;

    private const string ReminderColumns = "GrainId, ReminderName, StartTime, Period, Version";

    /// <summary>
    /// The named queries by key. A query that answers "did it work" answers one row of one column, greater than zero when it
    /// did; one that changes the membership table bumps the cluster's version only if the caller's version is current.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Queries { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // ---- Clustering (Orleans.Clustering.AdoNet) ----
        ["InsertMembershipVersionKey"] = """
            WITH inserted AS (
                INSERT INTO OrleansMembershipVersionTable (DeploymentId) VALUES (@DeploymentId)
                ON CONFLICT (DeploymentId) DO NOTHING
                RETURNING 1)
            SELECT count(*)::integer FROM inserted;
            """,
        ["InsertMembershipKey"] = $"""
            WITH bumped AS ({BumpVersionIf("NOT EXISTS")}),
            inserted AS (
                INSERT INTO OrleansMembershipTable
                    (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime)
                SELECT @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime
                FROM bumped
                ON CONFLICT (DeploymentId, Address, Port, Generation) DO NOTHING
                RETURNING 1)
            SELECT count(*)::integer FROM inserted;
            """,
        ["UpdateMembershipKey"] = $"""
            WITH bumped AS ({BumpVersionIf("EXISTS")}),
            updated AS (
                UPDATE OrleansMembershipTable
                SET Status = @Status, SuspectTimes = @SuspectTimes::varchar, IAmAliveTime = GREATEST(IAmAliveTime, @IAmAliveTime)
                WHERE {SiloRow} AND EXISTS (SELECT 1 FROM bumped)
                RETURNING 1)
            SELECT count(*)::integer FROM updated;
            """,
        ["UpdateIAmAlivetimeKey"] = $"""
            UPDATE OrleansMembershipTable SET IAmAliveTime = GREATEST(IAmAliveTime, @IAmAliveTime)
            WHERE {SiloRow};
            """,
        ["MembershipReadRowKey"] = $"""
            SELECT {MembershipColumns}
            FROM OrleansMembershipVersionTable v
                LEFT JOIN OrleansMembershipTable m ON m.DeploymentId = v.DeploymentId
                    AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation
            WHERE v.DeploymentId = @DeploymentId;
            """,
        ["MembershipReadAllKey"] = $"""
            SELECT {MembershipColumns}
            FROM OrleansMembershipVersionTable v
                LEFT JOIN OrleansMembershipTable m ON m.DeploymentId = v.DeploymentId
            WHERE v.DeploymentId = @DeploymentId;
            """,
        ["DeleteMembershipTableEntriesKey"] = """
            DELETE FROM OrleansMembershipTable WHERE DeploymentId = @DeploymentId;
            DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId;
            """,
        ["GatewaysQueryKey"] = """
            SELECT Address, ProxyPort, Generation FROM OrleansMembershipTable
            WHERE DeploymentId = @DeploymentId AND Status = @Status AND ProxyPort > 0;
            """,
        // Dead rows (status 6) whose start, last heartbeat and suspicions all precede the cut-off.
        ["CleanupDefunctSiloEntriesKey"] = """
            DELETE FROM OrleansMembershipTable
            WHERE DeploymentId = @DeploymentId AND Status = 6
                AND IAmAliveTime < @IAmAliveTime AND StartTime < @IAmAliveTime AND COALESCE(SuspectTimes, '') = '';
            """,
        // One dead row, only if it still holds exactly the values the caller read.
        ["CleanupDefunctSiloEntryKey"] = $"""
            DELETE FROM OrleansMembershipTable
            WHERE {SiloRow} AND Status = 6
                AND IAmAliveTime = @IAmAliveTime AND StartTime = @StartTime
                AND COALESCE(SuspectTimes, '') = COALESCE(@SuspectTimes::varchar, '');
            """,

        // ---- Grain storage (Orleans.Persistence.AdoNet) ----
        // Answers NewGrainStateVersion: the new version when written, else the caller's (null for a lost first write),
        // which the provider turns into an InconsistentStateException.
        ["WriteToStorageKey"] = $"""
            WITH updated AS (
                UPDATE OrleansStorage
                SET PayloadBinary = @PayloadBinary, PayloadJson = NULL, PayloadXml = NULL,
                    ModifiedOn = (now() AT TIME ZONE 'utc'), Version = Version + 1
                WHERE {GrainRow}
                    AND @GrainStateVersion::integer IS NOT NULL AND Version = @GrainStateVersion::integer
                RETURNING Version),
            inserted AS (
                INSERT INTO OrleansStorage
                    (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString, ServiceId,
                     PayloadBinary, ModifiedOn, Version)
                SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString::varchar, @ServiceId,
                    @PayloadBinary, (now() AT TIME ZONE 'utc'), 1
                WHERE @GrainStateVersion::integer IS NULL AND NOT EXISTS (SELECT 1 FROM OrleansStorage WHERE {GrainRow})
                ON CONFLICT DO NOTHING
                RETURNING Version)
            SELECT COALESCE((SELECT Version FROM updated), (SELECT Version FROM inserted), @GrainStateVersion::integer) AS NewGrainStateVersion;
            """,
        ["ReadFromStorageKey"] = $"""
            SELECT PayloadBinary, PayloadXml::text AS PayloadXml, PayloadJson, (now() AT TIME ZONE 'utc') AS ReadOn, Version
            FROM OrleansStorage
            WHERE {GrainRow};
            """,
        // Empties the payload and bumps the version; a stale version answers the caller's own, refused by the provider.
        ["ClearStorageKey"] = $"""
            WITH cleared AS (
                UPDATE OrleansStorage
                SET PayloadBinary = NULL, PayloadJson = NULL, PayloadXml = NULL,
                    ModifiedOn = (now() AT TIME ZONE 'utc'), Version = Version + 1
                WHERE {GrainRow} AND Version = @GrainStateVersion::integer
                RETURNING Version)
            SELECT COALESCE((SELECT Version FROM cleared), @GrainStateVersion::integer) AS NewGrainStateVersion;
            """,
        // Used when AdoNetGrainStorageOptions.DeleteStateOnClear is set (Inbox leaves it off): removes the row instead.
        ["DeleteStorageKey"] = $"""
            WITH deleted AS (
                DELETE FROM OrleansStorage
                WHERE {GrainRow} AND Version = @GrainStateVersion::integer
                RETURNING Version)
            SELECT COALESCE((SELECT Version + 1 FROM deleted), @GrainStateVersion::integer) AS NewGrainStateVersion;
            """,

        // ---- Reminders (Orleans.Reminders.AdoNet) ----
        // Answers the row's new Version (its ETag).
        ["UpsertReminderRowKey"] = """
            INSERT INTO OrleansRemindersTable (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
            VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period::bigint, @GrainHash, 0)
            ON CONFLICT (ServiceId, GrainId, ReminderName) DO UPDATE
                SET StartTime = EXCLUDED.StartTime, Period = EXCLUDED.Period, GrainHash = EXCLUDED.GrainHash,
                    Version = OrleansRemindersTable.Version + 1
            RETURNING Version;
            """,
        ["ReadReminderRowsKey"] = $"""
            SELECT {ReminderColumns} FROM OrleansRemindersTable
            WHERE ServiceId = @ServiceId AND GrainId = @GrainId;
            """,
        ["ReadReminderRowKey"] = $"""
            SELECT {ReminderColumns} FROM OrleansRemindersTable
            WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName;
            """,
        // The silo's range of the hash ring, (BeginHash, EndHash], compared as signed integers: 1 when it does not wrap, 2 when it does.
        ["ReadRangeRows1Key"] = $"""
            SELECT {ReminderColumns} FROM OrleansRemindersTable
            WHERE ServiceId = @ServiceId AND GrainHash > @BeginHash AND GrainHash <= @EndHash;
            """,
        ["ReadRangeRows2Key"] = $"""
            SELECT {ReminderColumns} FROM OrleansRemindersTable
            WHERE ServiceId = @ServiceId AND (GrainHash > @BeginHash OR GrainHash <= @EndHash);
            """,
        ["DeleteReminderRowKey"] = """
            WITH deleted AS (
                DELETE FROM OrleansRemindersTable
                WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName AND Version = @Version
                RETURNING 1)
            SELECT count(*)::integer FROM deleted;
            """,
        ["DeleteReminderRowsKey"] = """
            DELETE FROM OrleansRemindersTable WHERE ServiceId = @ServiceId;
            """,
    };
}
