using Inbox.Connectors.Email.Tests.Infrastructure;
using Inbox.Identity;

namespace Inbox.Connectors.Email.Tests;

/// <summary>Submission with a login (AUTH PLAIN), and a wrong password as an operator-visible passing failure.</summary>
public sealed class EmailSmtpLoginTests
{
    private static OutboundMessage Reply() => new(Guid.NewGuid(), Guid.NewGuid(), ChannelNames.Email,
        new ChannelIdentity(IdentityKinds.Email, "ivan@mail.example.ru"), "Здравствуйте!", 1, DateTimeOffset.UtcNow);

    [Theory]
    [InlineData("s3cret", true)]
    [InlineData("wrong", false)]
    public async Task The_configured_login_is_used(string password, bool accepted)
    {
        await using var smtp = new FakeSmtpServer { RequiredLogin = ("support@shop.example", "s3cret") };
        var settings = EmailTestHost.Settings(null, null, smtp.Port);
        settings["Channels:Email:Smtp:User"] = "support@shop.example";
        settings["Channels:Email:Smtp:Password"] = password;
        await using var host = await EmailTestHost.StartAsync(settings, new TestWorld());

        var outcome = await host.Sender.SendAsync(Reply(), CancellationToken.None);

        if (accepted)
        {
            Assert.IsType<DeliveryOutcome.Sent>(outcome);
            Assert.Equal("support@shop.example", Assert.Single(smtp.Received).AuthenticatedUser);
        }
        else
        {
            var retry = Assert.IsType<DeliveryOutcome.Retry>(outcome);
            Assert.Contains("refused our login", retry.Reason);
            Assert.Empty(smtp.Received);
        }
    }
}
