using MailKit.Security;

namespace Inbox.Connectors.Email;

public static class EmailSecurityExtensions
{
    public static SecureSocketOptions ToSocketOptions(this EmailSecurity security) => security switch
    {
        EmailSecurity.None => SecureSocketOptions.None,
        EmailSecurity.StartTls => SecureSocketOptions.StartTls,
        EmailSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };
}
