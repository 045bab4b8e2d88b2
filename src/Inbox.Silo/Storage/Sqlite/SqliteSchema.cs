namespace Inbox.Silo.Storage.Sqlite;

/// <summary>The embedded store's tables. Created on first start; each statement is idempotent.</summary>
internal static class SqliteSchema
{
    public const string Create = $"""
        CREATE TABLE IF NOT EXISTS conversations (
            conversation_id TEXT PRIMARY KEY,
            customer_id TEXT NOT NULL,
            status INTEGER NOT NULL,
            assignee_id TEXT NULL,
            last_sequence INTEGER NOT NULL,
            last_message_at TEXT NULL,
            last_inbound_channel TEXT NULL,
            last_inbound_identity TEXT NULL,
            last_preview TEXT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            activity_ticks INTEGER NOT NULL,
            merged_into TEXT NULL,
            labels TEXT NULL,
            handoff TEXT NULL,
            bot_memory TEXT NULL,
            queue_priority INTEGER NOT NULL DEFAULT 0,
            team TEXT NULL,
            queued_ticks INTEGER NULL,
            awaiting_open_ticks INTEGER NULL,
            last_inbound_preview TEXT NULL,
            last_inbound_ticks INTEGER NULL,
            -- The customer's messages (inbound, not automated) on its timeline: the unread counts subtract a read marker's
            -- inbound_seen from it instead of reading the messages (SqlReadMarkerStore).
            inbound_count INTEGER NULL
        );
        -- Only the status index holds the last activity, which every message changes: the lists by status are the console's
        -- longest, and this index hands them out newest first. An assignee's few are sorted when read.
        CREATE INDEX IF NOT EXISTS ix_conversations_status ON conversations(status, queue_priority DESC, activity_ticks DESC);
        DROP INDEX IF EXISTS ix_conversations_assignee;
        CREATE INDEX IF NOT EXISTS ix_conversations_assignee_id ON conversations(assignee_id);

        CREATE TABLE IF NOT EXISTS messages (
            message_id TEXT PRIMARY KEY,
            conversation_id TEXT NOT NULL,
            sequence INTEGER NOT NULL,
            kind INTEGER NOT NULL,
            channel TEXT NOT NULL,
            identity TEXT NULL,
            external_id TEXT NULL,
            text TEXT NOT NULL,
            operator_id TEXT NULL,
            author_name TEXT NULL,
            delivery INTEGER NULL,
            delivery_error TEXT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            attachments TEXT NULL,
            edited_at TEXT NULL,
            created_ticks INTEGER NOT NULL,
            origin_conversation_id TEXT NULL,
            call_info TEXT NULL,
            metadata TEXT NULL,
            automated INTEGER NOT NULL DEFAULT 0,
            bot_decision TEXT NULL,
            -- The event of the step that added the item, when it is the item's own (see SqlConversationStore): kept here
            -- rather than in events, it costs no entry at a random place of the events' (conversation, sequence) index.
            event_payload TEXT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_messages_timeline ON messages(conversation_id, created_ticks, sequence);
        CREATE UNIQUE INDEX IF NOT EXISTS ux_messages_inbound_external ON messages(channel, external_id) WHERE kind = 0 AND external_id IS NOT NULL;
        -- The other kinds' provider ids (replies' delivery receipts, calls): inbound messages have theirs in the unique index.
        DROP INDEX IF EXISTS ix_messages_external;
        CREATE INDEX IF NOT EXISTS ix_messages_external_not_inbound ON messages(channel, external_id) WHERE kind <> 0 AND external_id IS NOT NULL;

        -- Idempotency keys of operators' replies and notes (issue 15): a key is unique per conversation and operator.
        CREATE TABLE IF NOT EXISTS idempotency_keys (
            conversation_id TEXT NOT NULL,
            operator_id TEXT NOT NULL,
            idem_key TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            message_id TEXT NOT NULL,
            created_ticks INTEGER NOT NULL,
            PRIMARY KEY (conversation_id, operator_id, idem_key)
        ) WITHOUT ROWID;

        {EventsTable}

        CREATE TABLE IF NOT EXISTS outbox (
            message_id TEXT PRIMARY KEY,
            conversation_id TEXT NOT NULL,
            channel TEXT NOT NULL,
            recipient TEXT NOT NULL,
            text TEXT NOT NULL,
            attempts INTEGER NOT NULL,
            next_attempt_ticks INTEGER NOT NULL,
            lease_until_ticks INTEGER NOT NULL,
            last_error TEXT NULL,
            created_at TEXT NOT NULL,
            attachments TEXT NULL,
            automated INTEGER NOT NULL DEFAULT 0,
            choices TEXT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_outbox_due ON outbox(next_attempt_ticks);

        CREATE TABLE IF NOT EXISTS grain_state (
            state_name TEXT NOT NULL,
            grain_id TEXT NOT NULL,
            etag TEXT NOT NULL,
            payload TEXT NOT NULL,
            PRIMARY KEY (state_name, grain_id)
        ) WITHOUT ROWID;

        CREATE TABLE IF NOT EXISTS customers (
            customer_id TEXT PRIMARY KEY,
            name TEXT NULL,
            name_folded TEXT NULL,
            identities TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS customer_identities (
            identity TEXT PRIMARY KEY,
            customer_id TEXT NOT NULL
        ) WITHOUT ROWID;
        -- Who owns each identity (SqlIdentityOwners): the identity index itself, not a searchable copy like customer_identities.
        CREATE TABLE IF NOT EXISTS identity_owners (
            identity TEXT PRIMARY KEY,
            customer_id TEXT NOT NULL,
            claimed_at TEXT NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE IF NOT EXISTS cursors (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE IF NOT EXISTS attachments (
            attachment_id TEXT PRIMARY KEY,
            file_name TEXT NOT NULL,
            content_type TEXT NOT NULL,
            size INTEGER NOT NULL,
            created_at TEXT NOT NULL
        );

        CREATE TABLE IF NOT EXISTS operators (
            operator_id TEXT PRIMARY KEY,
            login TEXT NOT NULL UNIQUE COLLATE NOCASE,
            display_name TEXT NOT NULL,
            role INTEGER NOT NULL,
            password_hash TEXT NOT NULL,
            created_at TEXT NOT NULL,
            extension TEXT NULL
        );

        CREATE TABLE IF NOT EXISTS calls (
            call_id TEXT PRIMARY KEY,
            ringing_ticks INTEGER NOT NULL,
            missed_open INTEGER NOT NULL,
            payload TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_calls_recent ON calls(ringing_ticks DESC);

        -- Sign-in security (issue 12, items 12-15): operators' disabled and demo flags, login sessions, failed logins.
        CREATE TABLE IF NOT EXISTS operator_state (
            operator_id TEXT PRIMARY KEY,
            disabled INTEGER NOT NULL DEFAULT 0,
            demo INTEGER NOT NULL DEFAULT 0
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS sessions (
            session_id TEXT PRIMARY KEY,
            operator_id TEXT NOT NULL,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            revoked_at TEXT NULL,
            refresh_id TEXT NULL
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS ix_sessions_operator ON sessions(operator_id) WHERE revoked_at IS NULL;
        CREATE TABLE IF NOT EXISTS login_failures (
            key TEXT PRIMARY KEY,
            failures INTEGER NOT NULL,
            window_start_ticks INTEGER NOT NULL,
            locked_until_ticks INTEGER NULL
        ) WITHOUT ROWID;

        CREATE TABLE IF NOT EXISTS webhook_intake (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            source TEXT NOT NULL,
            partition TEXT NOT NULL,
            payload TEXT NOT NULL,
            received_at TEXT NOT NULL,
            attempts INTEGER NOT NULL,
            last_error TEXT NULL,
            dead INTEGER NOT NULL
        );

        -- Cluster singletons (issue 13): the node that runs a loop which must run once per cluster, until when.
        CREATE TABLE IF NOT EXISTS leases (
            name TEXT PRIMARY KEY,
            owner TEXT NOT NULL,
            expires_ticks INTEGER NOT NULL
        ) WITHOUT ROWID;

        -- Presence and capacity (issue 14): how many conversations an operator takes at once, once an admin set it.
        CREATE TABLE IF NOT EXISTS operator_capacity (
            operator_id TEXT PRIMARY KEY,
            capacity INTEGER NOT NULL
        ) WITHOUT ROWID;

        -- Teams and routing (issue 14): teams with their skills (JSON lists), members, and the ordered routing rules (JSON).
        CREATE TABLE IF NOT EXISTS teams (
            team_key TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            channels TEXT NOT NULL,
            languages TEXT NOT NULL,
            auto_assign INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS team_members (
            team_key TEXT NOT NULL,
            operator_id TEXT NOT NULL,
            PRIMARY KEY (team_key, operator_id)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS routing_rules (
            position INTEGER PRIMARY KEY,
            rule TEXT NOT NULL
        );

        -- SLA (issue 14): each conversation's clocks (instants as UTC ticks; next_ticks is what the watcher waits for,
        -- null once stopped or breached) and the policies supervisors wrote (one row).
        CREATE TABLE IF NOT EXISTS sla_clocks (
            conversation_id TEXT NOT NULL,
            target TEXT NOT NULL,
            started_ticks INTEGER NOT NULL,
            warn_ticks INTEGER NOT NULL,
            due_ticks INTEGER NOT NULL,
            policy_team TEXT NULL,
            priority INTEGER NOT NULL,
            warned INTEGER NOT NULL,
            breached INTEGER NOT NULL,
            stopped_ticks INTEGER NULL,
            next_ticks INTEGER NULL,
            PRIMARY KEY (conversation_id, target)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS sla_clocks_next ON sla_clocks (next_ticks) WHERE next_ticks IS NOT NULL;
        CREATE INDEX IF NOT EXISTS sla_clocks_raised ON sla_clocks (conversation_id) WHERE warned = 1 AND stopped_ticks IS NULL;

        CREATE TABLE IF NOT EXISTS sla_policies (
            id INTEGER PRIMARY KEY,
            document TEXT NOT NULL,
            updated_ticks INTEGER NOT NULL
        );

        -- Alerts (issue 15): how far each operator has read each conversation (the last sequence seen).
        CREATE TABLE IF NOT EXISTS read_markers (
            operator_id TEXT NOT NULL,
            conversation_id TEXT NOT NULL,
            sequence INTEGER NOT NULL,
            read_ticks INTEGER NOT NULL,
            -- The customer's messages up to the marker's sequence, counted when it moved (SqlReadMarkerStore).
            inbound_seen INTEGER NULL,
            PRIMARY KEY (operator_id, conversation_id)
        ) WITHOUT ROWID;

        -- Canned replies (issue 15): prepared answers operators insert with "/" and their key; supervisors keep them.
        CREATE TABLE IF NOT EXISTS canned_replies (
            reply_key TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            body TEXT NOT NULL,
            updated_ticks INTEGER NOT NULL,
            updated_by TEXT NULL
        ) WITHOUT ROWID;
        """;

    /// <summary>
    /// The events, one row of about 1.5 KB each (the conversation as it was), in a table with row ids: each commit appends
    /// its rows at the end of the table, and only the small (conversation, sequence) index takes them at random places.
    /// (Keyed by (conversation, sequence) without row ids, as files made before 2026-12 have it, each row spilled onto a
    /// page of its own and a commit wrote two random pages per event.) The reports read the events of a time range.
    /// A step that adds a timeline item keeps its event in the item's row instead (<c>messages.event_payload</c>): only
    /// the other steps' events, and those of items moved by a merge, are here.
    /// </summary>
    public const string EventsTable = """
        CREATE TABLE IF NOT EXISTS events (
            conversation_id TEXT NOT NULL,
            sequence INTEGER NOT NULL,
            type TEXT NOT NULL,
            occurred_at TEXT NOT NULL,
            payload TEXT NOT NULL,
            UNIQUE (conversation_id, sequence)
        );
        CREATE INDEX IF NOT EXISTS ix_events_occurred ON events(occurred_at);
        """;

    /// <summary>
    /// Files made before 2026-12 keep identities' owners as the state of a grain per identity: each is moved once into
    /// identity_owners, and its state row deleted, in one transaction (a file that has none does nothing).
    /// </summary>
    public const string MoveIdentityGrainStates = """
        BEGIN IMMEDIATE;
        INSERT INTO identity_owners (identity, customer_id, claimed_at)
            SELECT substr(grain_id, length('identity/') + 1), json_extract(payload, '$.customerId'),
                   coalesce(json_extract(payload, '$.claimedAt'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
            FROM grain_state WHERE state_name = 'identity' AND json_extract(payload, '$.customerId') IS NOT NULL
            ON CONFLICT (identity) DO NOTHING;
        DELETE FROM grain_state WHERE state_name = 'identity';
        COMMIT;
        """;

    /// <summary>
    /// Run after <see cref="AddedColumns"/>, as they may use an added column: the queue's order (the handoff's priority, then
    /// the longest wait; ties, rare, are sorted by activity when read); lists of other statuses keep ix_conversations_status
    /// (newest activity first).
    /// </summary>
    public const string AfterAddedColumns = """
        DROP INDEX IF EXISTS ix_conversations_queue;
        CREATE INDEX IF NOT EXISTS ix_conversations_queued ON conversations(status, queue_priority DESC, queued_ticks);
        CREATE INDEX IF NOT EXISTS ix_conversations_awaiting_open ON conversations(awaiting_open_ticks) WHERE awaiting_open_ticks IS NOT NULL;
        -- Each team's queue: the live figures' count of it (SqlConversationQueries.CountQueuedByTeamAsync) reads only these
        -- entries, and automatic assignment reads it in the order it is offered (SqlRoutingQueries.QueuedSql) as far as it
        -- offers. Without them the count read every queued conversation's row (80 ms with 92,000 queued, once a second while a
        -- supervisor watches) and each assignment pass sorted the whole queue (126 ms). A message that leaves its conversation
        -- where it is assigns none of these columns (SqlConversationStore). Its first version, ix_conversations_queued_by_team
        -- (6 December 2026), lacked the queue's order.
        DROP INDEX IF EXISTS ix_conversations_queued_by_team;
        CREATE INDEX IF NOT EXISTS ix_conversations_team_queue
            ON conversations(status, merged_into, team, queue_priority DESC, queued_ticks IS NULL, queued_ticks);
        """;

    /// <summary>
    /// Fills the added columns that need a value for the rows already there, in the transaction that adds the columns a
    /// file lacks (<see cref="AddedColumns"/>): the unread counts' numbers (6 December 2026), counted once from the messages.
    /// A file that lacks no column never runs it.
    /// </summary>
    public const string FillAddedColumns = SqlReadMarkerStore.CountMissingSql;

    /// <summary>
    /// Columns added to a table after its first release: a file made before gets each one it lacks at start
    /// (SQLite's <c>CREATE TABLE IF NOT EXISTS</c> leaves an existing table as it is). Each is also in <see cref="Create"/>.
    /// </summary>
    public static readonly IReadOnlyList<(string Table, string Column, string Definition)> AddedColumns =
    [
        ("conversations", "team", "TEXT NULL"),
        ("conversations", "queued_ticks", "INTEGER NULL"),
        ("conversations", "awaiting_open_ticks", "INTEGER NULL"),
        ("outbox", "choices", "TEXT NULL"),
        ("conversations", "last_inbound_preview", "TEXT NULL"),
        ("conversations", "last_inbound_ticks", "INTEGER NULL"),
        ("messages", "event_payload", "TEXT NULL"),
        ("conversations", "inbound_count", "INTEGER NULL"),
        ("read_markers", "inbound_seen", "INTEGER NULL"),
    ];
}
