using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Inbox.Web.Auth;

/// <summary>
/// Encrypts each data-protection key at rest with AES-256-GCM under a key derived from <c>DataProtection:Key</c>; the stored
/// element names <see cref="ConfiguredKeyXmlDecryptor"/>, which reverses it.
/// </summary>
public sealed class ConfiguredKeyXmlEncryptor(string secret) : IXmlEncryptor
{
    public const string ElementName = "inboxEncryptedKey";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var plain = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var nonce = RandomNumberGenerator.GetBytes(NonceSize);
        var cipher = new byte[plain.Length];
        var tag = new byte[TagSize];
        using (var aes = new AesGcm(DeriveKey(secret), TagSize))
        {
            aes.Encrypt(nonce, plain, cipher, tag);
        }

        return new EncryptedXmlInfo(new XElement(ElementName, new XAttribute("alg", "A256GCM"), Convert.ToBase64String([.. nonce, .. tag, .. cipher])),
            typeof(ConfiguredKeyXmlDecryptor));
    }

    internal static XElement Decrypt(XElement encryptedElement, string secret)
    {
        var data = Convert.FromBase64String(encryptedElement.Value);
        if (data.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("The encrypted data-protection key is truncated.");
        }

        var plain = new byte[data.Length - NonceSize - TagSize];
        using (var aes = new AesGcm(DeriveKey(secret), TagSize))
        {
            aes.Decrypt(data.AsSpan(0, NonceSize), data.AsSpan(NonceSize + TagSize), data.AsSpan(NonceSize, TagSize), plain);
        }

        return XElement.Parse(Encoding.UTF8.GetString(plain));
    }

    private static byte[] DeriveKey(string secret) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret), 32, info: Encoding.UTF8.GetBytes("inbox data-protection key ring"));
}
