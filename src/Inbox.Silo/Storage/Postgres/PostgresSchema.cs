namespace Inbox.Silo.Storage.Postgres;

/// <summary>
/// The PostgreSQL store's tables, the same as the embedded store's (<c>SqliteSchema</c>) with PostgreSQL's types: ids are
/// <c>uuid</c>, times <c>timestamptz</c>, flags <c>boolean</c>; JSON documents stay text, read back as written; <c>*_ticks</c>
/// columns are the ordering keys. Each step is applied once, in order, and recorded in <c>inbox_schema</c>.
/// Beyond the embedded store: attachments' bytes (<c>attachment_content</c>, stored uncompressed out of line so that a read
/// of one slice fetches only that slice) and the data-protection key ring (<c>data_protection_keys</c>), which on SQLite
/// are files in the data folder.
/// </summary>
internal static class PostgresSchema
{
    /// <summary>The advisory lock key that makes two nodes starting at once apply the steps one after the other.</summary>
    public const long LockKey = 0x1_4B0C_5C4E;

    public static readonly IReadOnlyList<string> Steps =
    [
        """
        CREATE TABLE conversations (
            conversation_id uuid PRIMARY KEY,
            customer_id uuid NOT NULL,
            status integer NOT NULL,
            assignee_id uuid NULL,
            last_sequence bigint NOT NULL,
            last_message_at timestamptz NULL,
            last_inbound_channel text NULL,
            last_inbound_identity text NULL,
            last_preview text NULL,
            created_at timestamptz NOT NULL,
            updated_at timestamptz NOT NULL,
            activity_ticks bigint NOT NULL,
            merged_into uuid NULL,
            labels text NULL,
            handoff text NULL,
            bot_memory text NULL,
            queue_priority integer NOT NULL DEFAULT 0
        );
        CREATE INDEX ix_conversations_status ON conversations(status, queue_priority DESC, activity_ticks DESC);
        CREATE INDEX ix_conversations_assignee ON conversations(assignee_id, activity_ticks DESC);

        CREATE TABLE messages (
            message_id uuid PRIMARY KEY,
            conversation_id uuid NOT NULL,
            sequence bigint NOT NULL,
            kind integer NOT NULL,
            channel text NOT NULL,
            identity text NULL,
            external_id text NULL,
            text text NOT NULL,
            operator_id uuid NULL,
            author_name text NULL,
            delivery integer NULL,
            delivery_error text NULL,
            created_at timestamptz NOT NULL,
            updated_at timestamptz NOT NULL,
            attachments text NULL,
            edited_at timestamptz NULL,
            created_ticks bigint NOT NULL,
            origin_conversation_id uuid NULL,
            call_info text NULL,
            metadata text NULL,
            automated boolean NOT NULL DEFAULT false,
            bot_decision text NULL
        );
        CREATE INDEX ix_messages_timeline ON messages(conversation_id, created_ticks, sequence);
        CREATE UNIQUE INDEX ux_messages_inbound_external ON messages(channel, external_id) WHERE kind = 0 AND external_id IS NOT NULL;
        CREATE INDEX ix_messages_external ON messages(channel, external_id) WHERE external_id IS NOT NULL;
        CREATE INDEX ix_messages_origin ON messages(conversation_id, origin_conversation_id) WHERE origin_conversation_id IS NOT NULL;

        CREATE TABLE events (
            conversation_id uuid NOT NULL,
            sequence bigint NOT NULL,
            type text NOT NULL,
            occurred_at timestamptz NOT NULL,
            payload text NOT NULL,
            PRIMARY KEY (conversation_id, sequence)
        );

        CREATE TABLE outbox (
            message_id uuid PRIMARY KEY,
            conversation_id uuid NOT NULL,
            channel text NOT NULL,
            recipient text NOT NULL,
            text text NOT NULL,
            attempts integer NOT NULL,
            next_attempt_ticks bigint NOT NULL,
            lease_until_ticks bigint NOT NULL,
            last_error text NULL,
            created_at timestamptz NOT NULL,
            attachments text NULL,
            automated boolean NOT NULL DEFAULT false
        );
        CREATE INDEX ix_outbox_due ON outbox(next_attempt_ticks);
        CREATE INDEX ix_outbox_conversation ON outbox(conversation_id);

        CREATE TABLE customers (
            customer_id uuid PRIMARY KEY,
            name text NULL,
            name_folded text NULL,
            identities text NOT NULL
        );
        CREATE TABLE customer_identities (
            identity text PRIMARY KEY,
            customer_id uuid NOT NULL
        );

        CREATE TABLE cursors (
            key text PRIMARY KEY,
            value text NOT NULL
        );
        """,
        """
        CREATE TABLE attachments (
            attachment_id uuid PRIMARY KEY,
            file_name text NOT NULL,
            content_type text NOT NULL,
            size bigint NOT NULL,
            created_at timestamptz NOT NULL
        );

        CREATE TABLE operators (
            operator_id uuid PRIMARY KEY,
            login text NOT NULL,
            display_name text NOT NULL,
            role integer NOT NULL,
            password_hash text NOT NULL,
            created_at timestamptz NOT NULL,
            extension text NULL
        );
        CREATE UNIQUE INDEX ux_operators_login ON operators (lower(login));

        CREATE TABLE calls (
            call_id text PRIMARY KEY,
            ringing_ticks bigint NOT NULL,
            missed_open boolean NOT NULL,
            payload text NOT NULL
        );
        CREATE INDEX ix_calls_recent ON calls(ringing_ticks DESC);

        CREATE TABLE operator_state (
            operator_id uuid PRIMARY KEY,
            disabled boolean NOT NULL DEFAULT false,
            demo boolean NOT NULL DEFAULT false
        );
        CREATE TABLE sessions (
            session_id uuid PRIMARY KEY,
            operator_id uuid NOT NULL,
            created_at timestamptz NOT NULL,
            expires_at timestamptz NOT NULL,
            revoked_at timestamptz NULL,
            refresh_id uuid NULL
        );
        CREATE INDEX ix_sessions_operator ON sessions(operator_id) WHERE revoked_at IS NULL;
        CREATE INDEX ix_sessions_expires ON sessions(expires_at);
        CREATE TABLE login_failures (
            key text PRIMARY KEY,
            failures integer NOT NULL,
            window_start_ticks bigint NOT NULL,
            locked_until_ticks bigint NULL
        );

        CREATE TABLE webhook_intake (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            source text NOT NULL,
            partition text NOT NULL,
            payload text NOT NULL,
            received_at timestamptz NOT NULL,
            attempts integer NOT NULL,
            last_error text NULL,
            dead boolean NOT NULL
        );
        """,
        """
        CREATE TABLE leases (
            name text PRIMARY KEY,
            owner text NOT NULL,
            expires_ticks bigint NOT NULL
        );
        """,
        """
        CREATE TABLE attachment_content (
            attachment_id uuid PRIMARY KEY,
            content bytea NOT NULL
        );
        ALTER TABLE attachment_content ALTER COLUMN content SET STORAGE EXTERNAL;
        """,
        """
        CREATE TABLE data_protection_keys (
            friendly_name text PRIMARY KEY,
            xml text NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now()
        );
        """,
        """
        CREATE TABLE operator_capacity (
            operator_id uuid PRIMARY KEY,
            capacity integer NOT NULL
        );
        """,
        """
        ALTER TABLE conversations ADD COLUMN team text NULL, ADD COLUMN queued_ticks bigint NULL;
        """,
        """
        CREATE TABLE teams (
            team_key text PRIMARY KEY,
            name text NOT NULL,
            channels text NOT NULL,
            languages text NOT NULL,
            auto_assign boolean NOT NULL
        );
        CREATE TABLE team_members (
            team_key text NOT NULL,
            operator_id uuid NOT NULL,
            PRIMARY KEY (team_key, operator_id)
        );
        CREATE TABLE routing_rules (
            position integer PRIMARY KEY,
            rule text NOT NULL
        );
        CREATE INDEX ix_conversations_queue ON conversations(status, queue_priority DESC, queued_ticks, activity_ticks);
        """,
        """
        ALTER TABLE conversations ADD COLUMN awaiting_open_ticks bigint NULL;
        CREATE INDEX ix_conversations_awaiting_open ON conversations(awaiting_open_ticks) WHERE awaiting_open_ticks IS NOT NULL;
        """,
        """
        ALTER TABLE outbox ADD COLUMN choices text NULL;
        """,
        """
        CREATE INDEX ix_events_occurred ON events(occurred_at);
        """,
        """
        CREATE TABLE sla_clocks (
            conversation_id uuid NOT NULL,
            target text NOT NULL,
            started_ticks bigint NOT NULL,
            warn_ticks bigint NOT NULL,
            due_ticks bigint NOT NULL,
            policy_team text NULL,
            priority integer NOT NULL,
            warned boolean NOT NULL,
            breached boolean NOT NULL,
            stopped_ticks bigint NULL,
            next_ticks bigint NULL,
            PRIMARY KEY (conversation_id, target)
        );
        CREATE INDEX sla_clocks_next ON sla_clocks (next_ticks) WHERE next_ticks IS NOT NULL;
        CREATE TABLE sla_policies (
            id integer PRIMARY KEY,
            document text NOT NULL,
            updated_ticks bigint NOT NULL
        );
        """,
        """
        CREATE TABLE idempotency_keys (
            conversation_id uuid NOT NULL,
            operator_id uuid NOT NULL,
            idem_key text NOT NULL,
            fingerprint text NOT NULL,
            message_id uuid NOT NULL,
            created_ticks bigint NOT NULL,
            PRIMARY KEY (conversation_id, operator_id, idem_key)
        );
        """,
        """
        ALTER TABLE conversations ADD COLUMN last_inbound_preview text NULL, ADD COLUMN last_inbound_ticks bigint NULL;
        """,
        """
        CREATE TABLE read_markers (
            operator_id uuid NOT NULL,
            conversation_id uuid NOT NULL,
            sequence bigint NOT NULL,
            read_ticks bigint NOT NULL,
            PRIMARY KEY (operator_id, conversation_id)
        );
        """,
        """
        CREATE TABLE canned_replies (
            reply_key text PRIMARY KEY,
            title text NOT NULL,
            body text NOT NULL,
            updated_ticks bigint NOT NULL,
            updated_by text NULL
        );
        """,
        """
        CREATE INDEX sla_clocks_raised ON sla_clocks (conversation_id) WHERE warned AND stopped_ticks IS NULL;
        """,
        """
        ALTER TABLE messages ADD COLUMN event_payload text NULL;
        """,
        // Who owns each identity (SqlIdentityOwners). Until 2026-12 it was the state of a grain per identity, in Orleans' grain
        // storage: each is moved here once (nothing when Orleans' table is not there yet, as in a new database).
        """
        CREATE TABLE identity_owners (
            identity text PRIMARY KEY,
            customer_id uuid NOT NULL,
            claimed_at timestamptz NOT NULL
        );
        DO $$
        BEGIN
            IF to_regclass('orleansstorage') IS NOT NULL THEN
                INSERT INTO identity_owners (identity, customer_id, claimed_at)
                    SELECT grainidextensionstring, (state ->> 'customerId')::uuid, coalesce((state ->> 'claimedAt')::timestamptz, now())
                    FROM (SELECT grainidextensionstring, convert_from(payloadbinary, 'UTF8')::jsonb AS state
                          FROM orleansstorage WHERE graintypestring = 'identity' AND payloadbinary IS NOT NULL) AS stored
                    WHERE state ->> 'customerId' IS NOT NULL
                    ON CONFLICT (identity) DO NOTHING;
                DELETE FROM orleansstorage WHERE graintypestring = 'identity';
            END IF;
        END $$;
        """,
        // The unread counts' numbers (SqlReadMarkerStore): the customer's messages per conversation, and per read marker those up
        // to its sequence, counted once here for the rows written before; the store keeps them from then on.
        $"""
        ALTER TABLE conversations ADD COLUMN IF NOT EXISTS inbound_count bigint NULL;
        ALTER TABLE read_markers ADD COLUMN IF NOT EXISTS inbound_seen bigint NULL;
        {SqlReadMarkerStore.CountMissingSql}
        """,
        // Inbound messages' provider ids are in their unique index (ux_messages_inbound_external); the other kinds' (replies' delivery
        // receipts, calls) get an index of their own, so that an inbound message is no longer written into two (as SqliteSchema since
        // 4 December 2026). Each lookup names its kind (SqlConversationStore.FindByExternalIdAsync), so it uses its kind's index.
        """
        CREATE INDEX IF NOT EXISTS ix_messages_external_not_inbound ON messages(channel, external_id) WHERE kind <> 0 AND external_id IS NOT NULL;
        DROP INDEX IF EXISTS ix_messages_external;
        """,
        // Each team's queue, as SqliteSchema's index of that name: the live figures' count of it (SqlConversationQueries.QueuedByTeamSql,
        // once a second on each node a supervisor watches) reads these entries alone, in the order GROUP BY needs, where it read every
        // queued conversation's row and sorted them (61-90 ms with 84,532 queued, spilling the sort to disk); and an assignment pass
        // (SqlRoutingQueries.QueuedSql) reads its team's queue in order as far as it offers, instead of every queued conversation.
        // Queued conversations only (status 1, ConversationStatus.Queued; both queries write it as a literal): every update of a row
        // that changes its last activity writes a new entry into each index whose condition the row meets, and an assigned
        // conversation's messages, most of a day's, then write none here.
        """
        CREATE INDEX IF NOT EXISTS ix_conversations_team_queue
            ON conversations (team, queue_priority DESC, (queued_ticks IS NULL), queued_ticks) INCLUDE (activity_ticks)
            WHERE status = 1 AND merged_into IS NULL;
        """,
        // A message changes its conversation's last activity (activity_ticks) and little else. While that column was in four of
        // the conversations' indexes, each message wrote a new version of the row and a new entry into each of those indexes and
        // the primary key; none of its updates could be PostgreSQL's heap-only (HOT) kind, which writes no index at all but
        // needs every indexed column unchanged and room on the row's page. Here no index holds activity_ticks, and each page is
        // left a fifth empty for a row's next versions: a message that leaves its conversation where it was (status, assignee,
        // queue place) rewrites the row in place (7 December 2026: known customers' throughput up by about a fifth on two nodes,
        // docs/benchmark-rounds.md, twenty-eighth round). Lists still sort by activity (SqlConversationQueries): a status's default
        // order now sorts that status's conversations, as the Newest and Oldest orders always did (about 18 ms for 20,000),
        // and the queue's orders read their index as before, sorting by activity only the conversations that entered at the same
        // moment. The live figures' count (QueuedByTeamSql) still reads this index alone, and the rows only of conversations that
        // never recorded their entry (queued before teams existed), for their activity.
        """
        DROP INDEX ix_conversations_status;
        CREATE INDEX ix_conversations_status ON conversations(status, queue_priority DESC);
        DROP INDEX ix_conversations_assignee;
        CREATE INDEX ix_conversations_assignee ON conversations(assignee_id);
        DROP INDEX ix_conversations_queue;
        CREATE INDEX ix_conversations_queue ON conversations(status, queue_priority DESC, queued_ticks);
        DROP INDEX ix_conversations_team_queue;
        CREATE INDEX ix_conversations_team_queue ON conversations (team, queue_priority DESC, (queued_ticks IS NULL), queued_ticks)
            WHERE status = 1 AND merged_into IS NULL;
        ALTER TABLE conversations SET (fillfactor = 80);
        """,
    ];
}
