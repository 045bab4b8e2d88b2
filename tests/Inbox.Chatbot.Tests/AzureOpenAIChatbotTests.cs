using System.Text.Json;
using System.Text.Json.Nodes;
using Inbox.Chatbot.AzureOpenAI;
using Inbox.Chatbot.Safety;
using Inbox.Chatbot.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

using Inbox.Orders;

namespace Inbox.Chatbot.Tests;

public sealed class AzureOpenAIChatbotTests : IAsyncLifetime
{
    private const string Deployment = "inbox-gpt";
    private const string ApiKey = "test-azure-key";
    private FakeOpenAIServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAIServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Model_calls_the_order_tool_and_its_grounded_answer_reaches_the_customer()
    {
        _server.ReplyWithToolCall("lookup_order", "{\"number\":\"1048576\"}");
        _server.ReplyWithText("Заказ 1048576: статус «Передан в службу доставки». Доставка 03.12.2026, 10:00–14:00, трек-номер RA123456789RU.");

        var turn = await new Conversation(Bot(), Bots.Ivan).SayAsync("Где мой заказ 1048576?");

        Assert.Equal("azure-openai", turn.Decision.Source);
        Assert.Equal(Intents.OrderStatus, turn.Decision.Intent);
        Assert.StartsWith("Заказ 1048576: статус «Передан в службу доставки». Доставка 03.12.2026", turn.Replies[0], StringComparison.Ordinal);
        Assert.Contains(turn.Replies, r => r.Contains("оператор", StringComparison.Ordinal));
        Assert.Equal("1048576", turn.Memory.LastOrderNumber);

        var requests = _server.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Equal($"/openai/deployments/{Deployment}/chat/completions", requests[0].Path);
        Assert.Contains("api-version=", requests[0].Query, StringComparison.Ordinal);
        Assert.Equal(ApiKey, requests[0].Headers["api-key"]);
        Assert.Contains("\"lookup_order\"", requests[0].Body, StringComparison.Ordinal);
        Assert.Contains("\"hand_off\"", requests[0].Body, StringComparison.Ordinal);
        Assert.Contains("Передан в службу доставки", ToolResults(requests[1].Body), StringComparison.Ordinal);
        Assert.Contains("Тверская", ToolResults(requests[1].Body), StringComparison.Ordinal); // owner's details reach the tool result
    }

    [Fact]
    public async Task Tool_withholds_personal_details_from_a_stranger()
    {
        _server.ReplyWithToolCall("lookup_order", "{\"number\":\"1048576\"}");
        _server.ReplyWithText("Заказ 1048576: статус «Передан в службу доставки».");

        await new Conversation(Bot(), ["phone:+79990000000"]).SayAsync("Где заказ 1048576?");

        var toolResult = ToolResults(_server.Requests[1].Body);
        Assert.DoesNotContain("Тверская", toolResult, StringComparison.Ordinal);
        Assert.DoesNotContain("Холодильник", toolResult, StringComparison.Ordinal);
        Assert.Contains("withheld", toolResult, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invented_status_never_reaches_the_customer()
    {
        _server.ReplyWithToolCall("lookup_order", "{\"number\":\"1048576\"}");
        _server.ReplyWithText("Ваш заказ 1048576 уже доставлен, курьер привёз его вчера.");

        var turn = await new Conversation(Bot(), Bots.Ivan).SayAsync("где мой заказ 1048576");

        Assert.Equal("fallback:guardrail-grounding", turn.Decision.Source);
        Assert.DoesNotContain("доставлен,", turn.All(), StringComparison.Ordinal);
        Assert.DoesNotContain("привёз", turn.All(), StringComparison.Ordinal);
        Assert.Contains("«Передан в службу доставки»", turn.All(), StringComparison.Ordinal); // the Local answer, from the order system
    }

    [Theory]
    [InlineData("Order 1048576: status \"Handed over for delivery\". Delivery on 03.12.2026, 10:00–14:00.", true)]
    [InlineData("Order 1048576 has the status \"Передан в службу доставки\" (handed over for delivery).", true)]
    [InlineData("Order 1048576: status \"Being delivered\".", false)]
    public async Task A_status_is_grounded_as_the_order_systems_name_or_its_translation_only(string reply, bool grounded)
    {
        _server.ReplyWithToolCall("lookup_order", "{\"number\":\"1048576\"}");
        _server.ReplyWithText(reply);

        var turn = await new Conversation(Bot(), Bots.Ivan).SayAsync("Where is my order 1048576?");

        Assert.Contains("\"status\":\"Handed over for delivery\"", ToolResults(_server.Requests[1].Body), StringComparison.Ordinal);
        Assert.Equal("Передан в службу доставки", turn.Memory.LastOrderStatus);
        if (grounded)
        {
            Assert.Equal("azure-openai", turn.Decision.Source);
            Assert.Equal(reply, turn.Replies[0]);
        }
        else
        {
            Assert.Equal("fallback:guardrail-grounding", turn.Decision.Source);
            Assert.DoesNotContain("Being delivered", turn.All(), StringComparison.Ordinal);
            Assert.StartsWith("Order 1048576: status \"Handed over for delivery\".", turn.Replies[0], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_status_stated_without_any_tool_call_is_dropped()
    {
        _server.ReplyWithText("Ваш заказ 1048576 в пути, его привезут 05.12.2026.");

        var turn = await new Conversation(Bot()).SayAsync("где мой заказ 1048576");

        Assert.StartsWith("fallback:", turn.Decision.Source, StringComparison.Ordinal);
        Assert.DoesNotContain("в пути", turn.All(), StringComparison.Ordinal);
        Assert.DoesNotContain("05.12.2026", turn.All(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_status_for_an_order_that_was_not_found_is_dropped()
    {
        _server.ReplyWithToolCall("lookup_order", "{\"number\":\"999999\"}");
        _server.ReplyWithText("Заказ 999999: статус «Готов к выдаче», заберите его в пункте выдачи.");
        var statusNames = await Bots.DemoOrders.GetStatusNamesAsync(CancellationToken.None);

        var turn = await new Conversation(Bot()).SayAsync("что с заказом 999999?");

        Assert.Equal("fallback:guardrail-grounding", turn.Decision.Source);
        Assert.Empty(ReplyGuard.UngroundedStatusWords(turn.All(), string.Empty, statusNames));
        Assert.Contains("Не нашёл заказ 999999", turn.All(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reply_that_asks_for_a_code_is_dropped()
    {
        _server.ReplyWithText("Чтобы проверить заказ, назовите, пожалуйста, код из SMS.");

        var turn = await new Conversation(Bot()).SayAsync("где мой заказ?");

        Assert.Equal("fallback:guardrail-secret", turn.Decision.Source);
        Assert.All(turn.Replies, r => Assert.False(ReplyGuard.AsksForSecrets(r), r));
        Assert.DoesNotContain("назовите", turn.All(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_that_does_not_answer_in_time_falls_back_to_the_local_answer()
    {
        _server.NeverAnswer();
        _server.NeverAnswer();

        var turn = await new Conversation(Bot(TimeSpan.FromMilliseconds(500)), Bots.Ivan).SayAsync("где мой заказ 1048576?");

        Assert.Equal("fallback:timeout", turn.Decision.Source);
        Assert.Contains("«Передан в службу доставки»", turn.All(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_error_falls_back_to_the_local_answer()
    {
        _server.ReplyWithStatus(500);
        _server.ReplyWithStatus(500);

        var turn = await new Conversation(Bot()).SayAsync("Where is my order 1048576?");

        Assert.Equal("fallback:error", turn.Decision.Source);
        Assert.StartsWith("Order 1048576: status", turn.Replies[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Model_hand_off_tool_hands_the_conversation_over()
    {
        _server.ReplyWithToolCall("hand_off", "{\"reason\":\"wants to change the delivery address\"}");
        _server.ReplyWithText("Хорошо, подключаю оператора.");

        var turn = await new Conversation(Bot(), queuePlaces: new QueuePlaces(Normal: 2, High: 1, Urgent: 1)).SayAsync("хочу поменять адрес доставки");

        Assert.True(turn.HandOff);
        Assert.NotNull(turn.Handoff);
        Assert.Contains("wants to change the delivery address", turn.Handoff!.Summary, StringComparison.Ordinal);
        Assert.Contains("Ваше место в очереди: 2.", turn.All(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_possible_victim_never_waits_for_the_model()
    {
        var turn = await new Conversation(Bot()).SayAsync("я продиктовала код из смс, и с карты списали деньги");

        Assert.Empty(_server.Requests);
        Assert.True(turn.HandOff);
        Assert.Equal(HandoffPriority.Urgent, turn.Handoff!.Priority);
    }

    [Fact]
    public async Task Fraud_advice_from_the_model_keeps_the_fraud_label()
    {
        _server.ReplyWithText("Это мошенники: магазин никогда не просит коды. Положите трубку. Если нужен человек, напишите «оператор».");

        var turn = await new Conversation(Bot()).SayAsync("Звонили якобы из вашего магазина, просят продиктовать код из смс");

        Assert.Equal("azure-openai", turn.Decision.Source);
        Assert.Equal(Intents.Fraud, turn.Decision.Intent);
        Assert.Contains("fraud", turn.Labels);
        Assert.True(turn.Memory.QuizOffered);
    }

    [Fact]
    public async Task Registration_wires_the_azure_engine_to_the_configured_endpoint()
    {
        _server.ReplyWithText("Здравствуйте! Чем помочь? Если нужен человек, напишите «оператор».");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Chatbot:Mode"] = "AzureOpenAI",
            ["Chatbot:AzureOpenAI:Endpoint"] = _server.Endpoint.ToString(),
            ["Chatbot:AzureOpenAI:ApiKey"] = ApiKey,
            ["Chatbot:AzureOpenAI:Deployment"] = Deployment,
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddInboxChatbot(configuration).BuildServiceProvider();

        var bot = services.GetRequiredService<IChatbot>();
        var turn = await new Conversation(bot).SayAsync("добрый день");

        Assert.IsType<AzureOpenAIChatbot>(bot);
        Assert.Equal("azure-openai", turn.Decision.Source);
        Assert.Single(_server.Requests);
    }

    private static string ToolResults(string body)
    {
        var messages = JsonNode.Parse(body)!["messages"]!.AsArray();
        var results = messages
            .Where(m => m!["role"]!.GetValue<string>() == "tool")
            .Select(m => m!["content"] is JsonValue value ? value.GetValue<string>() : m!["content"]!.ToJsonString())
            .Select(c => c.StartsWith('"') ? JsonSerializer.Deserialize<string>(c)! : c);
        return string.Join("\n", results);
    }

    private AzureOpenAIChatbot Bot(TimeSpan? timeout = null)
    {
        var options = new AzureOpenAIOptions
        {
            Endpoint = _server.Endpoint.ToString(),
            ApiKey = ApiKey,
            Deployment = Deployment,
            Timeout = timeout ?? TimeSpan.FromSeconds(30),
        };
        var client = AzureOpenAIChatClientFactory.Create(options, new HttpClient());
        return new AzureOpenAIChatbot(client, Bots.Local(), Bots.DemoOrders, Options.Create(options));
    }
}
