namespace Inbox.Connectors.Email.Tests.Infrastructure;

/// <summary>Delivers the corpus into a fresh mailbox of a real Dovecot and runs the receiver until all of it is checkpointed.</summary>
public sealed class CorpusRun : IAsyncLifetime
{
    /// <summary>Our outbound message that dsn-bounce.eml reports as undeliverable; the host knows it.</summary>
    public const string BouncedId = "inbox.0b9c2f4e5d6a47b8a9c0d1e2f3a4b5c6@shop.example";

    public DovecotServer Server { get; private set; } = null!;

    public TestWorld World { get; } = new();

    public string User { get; } = DovecotServer.NewUser();

    public uint Validity { get; private set; }

    public async Task InitializeAsync()
    {
        Server = await DovecotServer.StartAsync();
        await using (var mailbox = await Server.OpenMailboxAsync(User))
        {
            foreach (var name in Corpus.Names)
            {
                await mailbox.AppendRawAsync(Corpus.Read(name));
            }

            Validity = await mailbox.UidValidityAsync();
        }

        World.Receipts.Know(ChannelNames.Email, BouncedId);
        await using var host = await EmailTestHost.StartAsync(EmailTestHost.Settings(Server, User, smtpPort: 9), World);
        var key = $"email:{User}@127.0.0.1/INBOX";
        var done = $"{Validity}:{Corpus.Names.Count}";
        await World.Log.WaitUntilAsync(() => World.Cursors[key] == done, $"checkpoint {done}");
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
