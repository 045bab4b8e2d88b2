using Inbox.Connectors.Api;
using Inbox.Identity;

namespace Inbox.Connectors.Tests.Api;

public sealed class ApiInboundConverterTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private readonly ApiInboundConverter _converter = new(new PhoneNumberNormalizer("RU"));

    [Fact]
    public void A_message_with_every_identity_lists_them_most_specific_first()
    {
        var request = new ApiInboundRequest("crm-1", new ApiCustomer("client-7", "8 916 123-45-67", "Ivan@Example.com", " Ivan "), "Where is my order?", null);

        Assert.True(_converter.TryConvert(request, Now, out var message, out var errors));
        Assert.Empty(errors);
        Assert.Equal(ChannelNames.Api, message.Channel);
        Assert.Equal("crm-1", message.ExternalId);
        Assert.Equal(["api:client-7", "phone:+79161234567", "email:ivan@example.com"], message.From.Select(i => i.ToString()));
        Assert.Equal("Ivan", message.SenderName);
        Assert.Equal(Now, message.SentAt);
    }

    public static TheoryData<ApiInboundRequest?, string> BadRequests => new()
    {
        { null, "body" },
        { new ApiInboundRequest(null, new ApiCustomer("c", null, null, null), "hi", null), "messageId" },
        { new ApiInboundRequest("  ", new ApiCustomer("c", null, null, null), "hi", null), "messageId" },
        { new ApiInboundRequest(new string('x', 201), new ApiCustomer("c", null, null, null), "hi", null), "messageId" },
        { new ApiInboundRequest("m", new ApiCustomer("c", null, null, null), null, null), "text" },
        { new ApiInboundRequest("m", new ApiCustomer("c", null, null, null), "", null), "text" },
        { new ApiInboundRequest("m", new ApiCustomer("c", null, null, null), new string('x', 10_001), null), "text" },
        { new ApiInboundRequest("m", null, "hi", null), "customer" },
        { new ApiInboundRequest("m", new ApiCustomer(null, null, null, "Only a name"), "hi", null), "customer" },
        { new ApiInboundRequest("m", new ApiCustomer(null, "anonymous", null, null), "hi", null), "customer.phone" },
        { new ApiInboundRequest("m", new ApiCustomer(null, "7 912 345", null, null), "hi", null), "customer.phone" },
        { new ApiInboundRequest("m", new ApiCustomer(null, null, "not-an-email", null), "hi", null), "customer.email" },
        { new ApiInboundRequest("m", new ApiCustomer(null, null, "ivan@localhost", null), "hi", null), "customer.email" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public void Bad_requests_are_refused_with_the_field_named(ApiInboundRequest? request, string field)
    {
        Assert.False(_converter.TryConvert(request, Now, out var message, out var errors));
        Assert.Null(message);
        Assert.Contains(field, errors.Keys);
    }
}
