namespace Inbox.Connectors.Vk.Tests.Infrastructure;

/// <summary>One multipart upload the fake upload server received.</summary>
public sealed record RecordedUpload(string Kind, string FieldName, string FileName, string ContentType, byte[] Content);
