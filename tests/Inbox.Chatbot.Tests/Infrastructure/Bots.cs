using Inbox.Chatbot.Fraud;
using Inbox.Chatbot.Local;
using Inbox.Identity;
using Inbox.Orders;

namespace Inbox.Chatbot.Tests.Infrastructure;

/// <summary>Local bots over the demo orders.</summary>
public static class Bots
{
    public static readonly IReadOnlyList<string> Ivan = ["phone:+79161234567", "email:ivan@example.com"];

    public static FileOrderProvider DemoOrders { get; } = FileOrderProvider.Demo();

    public static LocalChatbot Local(
        IOrderProvider? orders = null,
        PhoneNumberNormalizer? phones = null,
        OrderStatusNames? statusNames = null,
        FraudContactsOptions? fraudContacts = null) =>
        new(SharedClassifier.Instance, orders ?? DemoOrders, phones: phones, statusNames: statusNames, fraudContacts: fraudContacts);

    public static string All(this BotTurn turn) => string.Join("\n", turn.Replies);
}
