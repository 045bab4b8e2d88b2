using Inbox.Domain.Routing;

namespace Inbox.Domain.Tests;

/// <summary>Which team a conversation entering the queue goes to: the first matching rule, else the first team by key whose skills cover it.</summary>
public sealed class RoutingRulesTests
{
    private static readonly Team[] Teams =
    [
        new("orders", "Orders", ["telegram", "vk", "sms"], ["ru", "en"], true, []),
        new("email", "Email", ["email"], [], true, []),
        new("fraud-response", "Fraud response", ["voice"], [], true, []),
        new("kyiv", "Kyiv desk", ["telegram", "vk"], ["uk"], true, []),
    ];

    private static readonly RoutingRule[] Rules =
    [
        new(null, null, null, true, "fraud-response"),
        new(null, ["fraud"], null, null, "fraud-response"),
        new(["email"], null, null, null, "email"),
        new(["telegram"], ["order_status"], ["uk"], false, "kyiv"),
    ];

    private static string? Choose(string? channel, string? intent, string? language, bool victim = false, IReadOnlyList<RoutingRule>? rules = null) =>
        RoutingRules.Choose(rules ?? Rules, Teams, new RoutingFacts(channel, intent, language, victim));

    [Fact]
    public void The_first_matching_rule_wins_a_victim_goes_to_fraud_response()
    {
        Assert.Equal("fraud-response", Choose("email", "order_status", "en", victim: true));
        Assert.Equal("fraud-response", Choose("telegram", "FRAUD", "ru"));
        Assert.Equal("email", Choose("email", "order_status", "ru"));
        Assert.Equal("kyiv", Choose("telegram", "order_status", "uk"));
    }

    [Fact]
    public void Every_condition_of_a_rule_must_hold_and_an_unknown_value_meets_no_set_condition()
    {
        RoutingRule[] narrow = [new(["telegram"], ["order_status"], ["uk"], false, "email")];
        Assert.Equal("email", Choose("telegram", "order_status", "uk", rules: narrow));
        Assert.Equal("kyiv", Choose("vk", "order_status", "uk", rules: narrow)); // the rule names telegram only: by skills
        Assert.Equal("kyiv", Choose("telegram", null, "uk", rules: narrow)); // no intent known: the rule cannot match
        Assert.Equal("kyiv", Choose("telegram", "order_status", null, rules: narrow)); // nor without the language
        Assert.Equal("kyiv", Choose("vk", "human", "uk")); // by skills: orders does not speak uk, kyiv does
        RoutingRule[] onlyOthers = [new(null, null, null, false, "email")];
        Assert.Equal("orders", Choose("sms", "human", "en", victim: true, rules: onlyOthers));
        Assert.Equal("email", Choose("sms", "human", "en", victim: false, rules: onlyOthers));
    }

    [Fact]
    public void Without_a_rule_the_first_team_by_key_covering_channel_and_language_and_else_none()
    {
        Assert.Equal("email", Choose("email", null, "de", rules: []));
        Assert.Equal("fraud-response", Choose("voice", null, "de", rules: [])); // no languages listed: any
        Assert.Equal("email", Choose(null, null, null, rules: [])); // nothing known: the first team of all
        Assert.Equal("kyiv", Choose("telegram", null, "uk", rules: []));
        Assert.Null(Choose("telegram", null, "de", rules: [])); // orders and kyiv speak neither
        Assert.Null(Choose("whatsapp", null, "ru", rules: [])); // nobody serves whatsapp
        Assert.Null(RoutingRules.Choose([], [Teams[0]], new RoutingFacts("email", null, "ru", false)));
        Assert.Null(RoutingRules.Choose([], [], new RoutingFacts("telegram", null, "ru", false)));
    }

    [Fact]
    public void A_rule_naming_a_team_that_is_not_there_is_skipped()
    {
        RoutingRule[] rules = [new(null, null, null, null, "gone"), new(["sms"], null, null, null, "orders")];
        Assert.Equal("orders", Choose("sms", null, "de", rules: rules));
    }
}
