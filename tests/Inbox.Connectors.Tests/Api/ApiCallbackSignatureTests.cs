using System.Text;
using Inbox.Connectors.Api;

namespace Inbox.Connectors.Tests.Api;

public sealed class ApiCallbackSignatureTests
{
    [Fact]
    public void Signature_is_the_hex_hmac_sha256_of_the_body()
    {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
        var body = Encoding.UTF8.GetBytes("what do ya want for nothing?");
        Assert.Equal("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", ApiCallbackSignature.Compute("Jefe", body));
    }

    [Fact]
    public void Verification_fails_for_another_body_or_secret()
    {
        var body = Encoding.UTF8.GetBytes("{\"text\":\"hello\"}");
        var signature = ApiCallbackSignature.Compute("secret", body);
        Assert.True(ApiCallbackSignature.Verify("secret", body, signature));
        Assert.False(ApiCallbackSignature.Verify("other", body, signature));
        Assert.False(ApiCallbackSignature.Verify("secret", Encoding.UTF8.GetBytes("{\"text\":\"hellO\"}"), signature));
        Assert.False(ApiCallbackSignature.Verify("secret", body, null));
    }
}
