namespace Inbox.Domain.Conversations;

/// <summary>A file on the timeline; operators open it at <c>/api/v1/attachments/{AttachmentId}</c>.</summary>
[GenerateSerializer, Immutable, Alias("Inbox.AttachmentInfo")]
public sealed record AttachmentInfo(
    [property: Id(0)] Guid AttachmentId,
    [property: Id(1)] string FileName,
    [property: Id(2)] string ContentType,
    [property: Id(3)] long Size);
