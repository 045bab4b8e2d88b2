namespace Inbox.Connectors.Vk.Tests.Fakes;

/// <summary>One multipart upload the fake upload server received.</summary>
public sealed record RecordedUpload(string Kind, string FieldName, string FileName, string ContentType, byte[] Content);
