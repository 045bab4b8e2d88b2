using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Inbox.Identity;

namespace Inbox.Connectors.Email;

/// <summary>
/// The email channel's sending side: submits an operator's reply over SMTP (connect, log in when a user is set, send,
/// disconnect) and answers <see cref="DeliveryOutcome.Sent"/> with our Message-ID (without brackets), which delivery status
/// notifications and the customer's replies later name. 4xx answers and network trouble are passing failures (Retry);
/// 5xx answers to the sender, recipient or message are permanent (Failed, with the server's words).
/// </summary>
public sealed class EmailSender(
    EmailReplyBuilder builder,
    IServiceScopeFactory scopes,
    IOptions<EmailChannelOptions> options,
    ILogger<EmailSender> logger) : IOutboundChannel
{
    public string Channel => ChannelNames.Email;

    public async Task<DeliveryOutcome> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        if (message.Recipient.Kind != IdentityKinds.Email || !EmailAddressNormalizer.TryNormalize(message.Recipient.Value, out var recipient))
        {
            return new DeliveryOutcome.Failed($"{message.Recipient} is not an email address, so it cannot be written to by email.", RecipientUnreachable: true);
        }

        var streams = new List<Stream>();
        try
        {
            ThreadedMessage? parent;
            await using (var scope = scopes.CreateAsyncScope())
            {
                // The customer's last mail of the conversation, to thread the reply; the host may register the history scoped.
                var history = scope.ServiceProvider.GetService<IConversationHistory>();
                parent = history is null ? null : await history.LastInboundAsync(message.ConversationId, ChannelNames.Email, cancellationToken);
            }

            var attachments = new List<MimePart>();
            foreach (var attachment in message.Attachments ?? [])
            {
                var stream = await attachment.OpenAsync(cancellationToken);
                streams.Add(stream);
                attachments.Add(new MimePart(ContentType.TryParse(attachment.ContentType, out var type) ? type : new ContentType("application", "octet-stream"))
                {
                    Content = new MimeContent(stream),
                    ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
                    ContentTransferEncoding = ContentEncoding.Base64,
                    FileName = attachment.FileName,
                });
            }

            var mail = builder.Build(message, EmailReplyBuilder.RecipientAddress(recipient, parent), parent, attachments);
            await SubmitAsync(mail, cancellationToken);
            logger.LogInformation("Email {MessageId} sent as {ProviderMessageId} (attempt {Attempt})", message.MessageId, mail.MessageId, message.Attempt);
            return new DeliveryOutcome.Sent(mail.MessageId);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (SmtpCommandException ex)
        {
            return FromCommandFailure(message, ex);
        }
        catch (AuthenticationException ex)
        {
            logger.LogError("The SMTP server refused our login ({Problem}): check Channels:Email:Smtp:User and Password", ex.Message);
            return new DeliveryOutcome.Retry($"The mail server refused our login: {ex.Message}. Check the SMTP user and password.");
        }
        catch (Exception ex) when (ex is SmtpProtocolException or IOException or SocketException or TimeoutException or OperationCanceledException
            or ServiceNotConnectedException or SslHandshakeException or NotSupportedException)
        {
            logger.LogWarning("Email {MessageId} not sent yet ({ErrorType}: {Problem}); it is retried", message.MessageId, ex.GetType().Name, ex.Message);
            return new DeliveryOutcome.Retry($"The mail server could not be reached: {ex.Message}");
        }
        finally
        {
            foreach (var stream in streams)
            {
                await stream.DisposeAsync();
            }
        }
    }

    private async Task SubmitAsync(MimeMessage mail, CancellationToken cancellationToken)
    {
        var smtp = options.Value.Smtp;
        using var client = new SmtpClient { Timeout = (int)options.Value.CommandTimeout.TotalMilliseconds };
        await client.ConnectAsync(smtp.Host ?? "", smtp.EffectivePort, smtp.Security.ToSocketOptions(), cancellationToken);
        if (!string.IsNullOrEmpty(smtp.User))
        {
            await client.AuthenticateAsync(smtp.User, smtp.Password ?? "", cancellationToken);
        }

        await client.SendAsync(mail, cancellationToken);
        try
        {
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or SocketException or SmtpProtocolException or SmtpCommandException or TimeoutException)
        {
            // The message was accepted (DATA answered 250); a failing QUIT changes nothing.
            logger.LogDebug("SMTP QUIT failed after the message was accepted: {Problem}", ex.Message);
        }
    }

    private DeliveryOutcome FromCommandFailure(OutboundMessage message, SmtpCommandException ex)
    {
        var code = (int)ex.StatusCode;
        var words = ex.Message.Trim();
        if (code is < 500 or >= 600)
        {
            logger.LogWarning("Email {MessageId}: the mail server answered {StatusCode} ({ErrorCode}); it is retried", message.MessageId, code, ex.ErrorCode);
            return new DeliveryOutcome.Retry($"The mail server refused for now ({code}): {words}");
        }

        if (ex.ErrorCode == SmtpErrorCode.UnexpectedStatusCode)
        {
            // A 5xx to the greeting, EHLO or STARTTLS: the server (or our configuration) is the problem, not this message.
            logger.LogError("Email {MessageId}: the mail server refused the session ({StatusCode}: {Problem})", message.MessageId, code, words);
            return new DeliveryOutcome.Retry($"The mail server refused the session ({code}): {words}");
        }

        var unreachable = ex.ErrorCode == SmtpErrorCode.RecipientNotAccepted && code is 550 or 551 or 553 && !words.Contains("5.7.", StringComparison.Ordinal);
        var what = ex.ErrorCode switch
        {
            SmtpErrorCode.RecipientNotAccepted => "The mail server refused the recipient",
            SmtpErrorCode.SenderNotAccepted => "The mail server refused our sender address",
            _ => "The mail server refused the message",
        };
        logger.LogWarning("Email {MessageId} failed: {ErrorCode} {StatusCode}", message.MessageId, ex.ErrorCode, code);
        return new DeliveryOutcome.Failed($"{what} ({code}): {words}", RecipientUnreachable: unreachable);
    }
}
