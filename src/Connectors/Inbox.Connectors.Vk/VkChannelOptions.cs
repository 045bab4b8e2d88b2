namespace Inbox.Connectors.Vk;

/// <summary><c>Channels:Vk</c>: a VK community's messages. On when <see cref="AccessToken"/> and <see cref="GroupId"/> are set.</summary>
public sealed class VkChannelOptions
{
    public const string SectionName = "Channels:Vk";

    public const string DefaultApiBaseUrl = "https://api.vk.com";

    /// <summary>The community's numeric id (positive, as in <c>club229000000</c>).</summary>
    public long? GroupId { get; set; }

    /// <summary>The community access token with the "messages" (and "photos", "docs" for files) rights.</summary>
    public string? AccessToken { get; set; }

    /// <summary>The string VK expects back to the <c>confirmation</c> event (Callback API settings). When empty it is fetched with groups.getCallbackConfirmationCode.</summary>
    public string? ConfirmationCode { get; set; }

    /// <summary>The "secret key" of the Callback API server; every event must carry it. Required in <see cref="VkMode.Callback"/> mode.</summary>
    public string? Secret { get; set; }

    public VkMode Mode { get; set; } = VkMode.Callback;

    /// <summary>Where the VK API lives; <c>/method/&lt;name&gt;</c> is appended. A test server can stand in.</summary>
    public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary>VK allows a community token 20 API calls per second; all calls with one token share this budget.</summary>
    public int RequestsPerSecond { get; set; } = 20;

    /// <summary>How long one API call, upload or download may take.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Long poll <c>wait</c> in seconds (VK allows up to 90; 25 is recommended because proxies cut idle connections at about 30 s).</summary>
    public int LongPollWaitSeconds { get; set; } = 25;

    /// <summary>The pause after a failed long poll round (network error, VK error, pipeline failure) before the next try.</summary>
    public TimeSpan LongPollErrorDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Replies longer than this are sent as several messages (the schema allows 9000; 4096 is what VK clients have long used).</summary>
    public int MaxMessageLength { get; set; } = 4096;

    /// <summary>Photos a customer sends that are bigger than this are not downloaded (the message says so).</summary>
    public long MaxDownloadBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>How many sender names are kept in memory.</summary>
    public int NameCacheSize { get; set; } = 10_000;

    /// <summary>How long a sender name is kept before VK is asked again.</summary>
    public TimeSpan NameCacheLifetime { get; set; } = TimeSpan.FromHours(6);

    /// <summary>
    /// What to do with messages from group chats (<c>peer_id</c> ≥ 2000000000). Inbox has no group conversations: stored
    /// under the author they would become a private conversation, and the replies a private dialog. The only choice so
    /// far is <see cref="VkGroupChats.Ignore"/>: such messages are logged and dropped.
    /// </summary>
    public VkGroupChats GroupChats { get; set; } = VkGroupChats.Ignore;

    /// <summary>VK's first group chat <c>peer_id</c>: 2000000000 + the chat's local id.</summary>
    public const long FirstGroupChatPeerId = 2_000_000_000;

    public bool Enabled => !string.IsNullOrWhiteSpace(AccessToken) && GroupId is > 0;
}
