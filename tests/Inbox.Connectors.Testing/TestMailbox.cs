using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using MimeKit;

namespace Inbox.Connectors.Testing;

/// <summary>
/// The test's own IMAP session to a <see cref="DovecotServer"/> mailbox (MailKit): delivers mail by APPEND, exactly as the
/// bytes are written, and looks at folders, flags and UIDVALIDITY the way a person's mail client would.
/// </summary>
public sealed class TestMailbox : IAsyncDisposable
{
    private readonly ImapClient _client;

    private TestMailbox(ImapClient client) => _client = client;

    public static async Task<TestMailbox> ConnectAsync(string host, int port, string user, string password)
    {
        var client = new ImapClient { Timeout = 30_000 };
        await client.ConnectAsync(host, port, SecureSocketOptions.None);
        await client.AuthenticateAsync(user, password);
        return new TestMailbox(client);
    }

    /// <summary>Appends raw mail and checks that the server keeps exactly those bytes; returns its UID.</summary>
    public async Task<UniqueId> AppendRawAsync(byte[] raw, string folderName = "INBOX")
    {
        var message = MimeMessage.Load(new MemoryStream(raw));
        var folder = await GetFolderAsync(folderName);
        var uid = await folder.AppendAsync(new AppendRequest(message)) ?? throw new InvalidOperationException("The server gave no UID (UIDPLUS).");
        await folder.OpenAsync(FolderAccess.ReadOnly);
        using var stored = new MemoryStream();
        await (await folder.GetStreamAsync(uid)).CopyToAsync(stored);
        await folder.CloseAsync();
        if (!raw.AsSpan().SequenceEqual(stored.ToArray()))
        {
            throw new InvalidOperationException("The test mailbox did not store the mail byte for byte.");
        }
        return uid;
    }

    /// <param name="receivedAt">The server's arrival date (IMAP INTERNALDATE, what SINCE searches); now when null.</param>
    public async Task<UniqueId> AppendAsync(MimeMessage message, string folderName = "INBOX", DateTimeOffset? receivedAt = null)
    {
        var folder = await GetFolderAsync(folderName);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await folder.AppendAsync(new AppendRequest(message) { InternalDate = receivedAt })
                    ?? throw new InvalidOperationException("The server gave no UID (UIDPLUS).");
            }
            catch (ImapCommandException refused) when (attempt < 50 && refused.Message.Contains("deleted under us", StringComparison.Ordinal))
            {
                // Dovecot answers NO (nothing appended) to an APPEND into a folder deleted and created again while another
                // session (a receiver's IDLE) still had the old one open, until that session has let go of it. A delivery
                // agent tries again later; so does the test.
                await Task.Delay(100);
            }
        }
    }

    public async Task CreateFolderAsync(string name)
    {
        var root = _client.GetFolder(_client.PersonalNamespaces[0]);
        await root.CreateAsync(name, isMessageFolder: true);
    }

    public async Task DeleteFolderAsync(string name)
    {
        var folder = await GetFolderAsync(name);
        await folder.DeleteAsync();
    }

    public async Task<uint> UidValidityAsync(string folderName = "INBOX")
    {
        var folder = await GetFolderAsync(folderName);
        await folder.StatusAsync(StatusItems.UidValidity);
        return folder.UidValidity;
    }

    /// <summary>The flags of every message of a folder, by UID.</summary>
    public async Task<Dictionary<uint, MessageFlags>> FlagsAsync(string folderName = "INBOX")
    {
        var folder = await GetFolderAsync(folderName);
        await folder.OpenAsync(FolderAccess.ReadOnly);
        try
        {
            var summaries = await folder.FetchAsync(0, -1, new FetchRequest(MessageSummaryItems.UniqueId | MessageSummaryItems.Flags));
            return summaries.ToDictionary(s => s.UniqueId.Id, s => s.Flags ?? MessageFlags.None);
        }
        finally
        {
            await folder.CloseAsync();
        }
    }

    /// <summary>What the server answers to <c>UID SEARCH UID n:*</c>.</summary>
    public async Task<IList<UniqueId>> SearchFromAsync(uint first, string folderName = "INBOX")
    {
        var folder = await GetFolderAsync(folderName);
        await folder.OpenAsync(FolderAccess.ReadOnly);
        try
        {
            return await folder.SearchAsync(SearchQuery.Uids(new UniqueIdRange(new UniqueId(folder.UidValidity, first), UniqueId.MaxValue)));
        }
        finally
        {
            await folder.CloseAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _client.DisconnectAsync(true);
        }
        catch (Exception ex) when (ex is IOException or ImapProtocolException or ServiceNotConnectedException)
        {
        }

        _client.Dispose();
    }

    private async Task<IMailFolder> GetFolderAsync(string name) =>
        name.Equals("INBOX", StringComparison.OrdinalIgnoreCase) ? _client.Inbox : await _client.GetFolderAsync(name);
}
