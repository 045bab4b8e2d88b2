using System.Diagnostics.CodeAnalysis;
using Inbox.Identity;

namespace Inbox.Connectors.Api;

/// <summary>Checks an inbound API request and turns it into a neutral <see cref="InboundMessage"/>, or says what is wrong.</summary>
public sealed class ApiInboundConverter(PhoneNumberNormalizer phones)
{
    public const int MaxTextLength = 10_000;
    public const int MaxIdLength = 200;

    public bool TryConvert(ApiInboundRequest? request, DateTimeOffset now, [NotNullWhen(true)] out InboundMessage? message, out Dictionary<string, string[]> errors)
    {
        message = null;
        errors = new Dictionary<string, string[]>();
        if (request is null)
        {
            errors["body"] = ["A JSON body is required."];
            return false;
        }

        if (string.IsNullOrWhiteSpace(request.MessageId))
        {
            errors["messageId"] = ["messageId is required: it makes retries safe."];
        }
        else if (request.MessageId.Length > MaxIdLength)
        {
            errors["messageId"] = [$"messageId is longer than {MaxIdLength} characters."];
        }

        if (string.IsNullOrWhiteSpace(request.Text))
        {
            errors["text"] = ["text is required."];
        }
        else if (request.Text.Length > MaxTextLength)
        {
            errors["text"] = [$"text is longer than {MaxTextLength} characters."];
        }

        var identities = new List<ChannelIdentity>();
        var customer = request.Customer;
        if (customer is null || (string.IsNullOrWhiteSpace(customer.ExternalId) && string.IsNullOrWhiteSpace(customer.Phone) && string.IsNullOrWhiteSpace(customer.Email)))
        {
            errors["customer"] = ["customer needs at least one of externalId, phone, email."];
        }
        else
        {
            if (!string.IsNullOrWhiteSpace(customer.ExternalId))
            {
                if (customer.ExternalId.Length > MaxIdLength)
                {
                    errors["customer.externalId"] = [$"externalId is longer than {MaxIdLength} characters."];
                }
                else
                {
                    identities.Add(new ChannelIdentity(IdentityKinds.Api, customer.ExternalId.Trim()));
                }
            }

            if (!string.IsNullOrWhiteSpace(customer.Phone))
            {
                if (phones.ToIdentity(customer.Phone) is { } phone)
                {
                    identities.Add(phone);
                }
                else
                {
                    errors["customer.phone"] = ["phone is not a valid phone number."];
                }
            }

            if (!string.IsNullOrWhiteSpace(customer.Email))
            {
                if (EmailAddressNormalizer.TryNormalize(customer.Email, out var email))
                {
                    identities.Add(new ChannelIdentity(IdentityKinds.Email, email));
                }
                else
                {
                    errors["customer.email"] = ["email is not a valid address."];
                }
            }
        }

        if (errors.Count > 0)
        {
            return false;
        }

        var name = string.IsNullOrWhiteSpace(customer!.Name) ? null : customer.Name.Trim();
        message = new InboundMessage(ChannelNames.Api, request.MessageId!.Trim(), identities, name, request.Text!, request.SentAt ?? now);
        return true;
    }
}
