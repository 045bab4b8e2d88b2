namespace Inbox.Connectors.Vk.Tests;

public sealed class VkRandomIdTests
{
    [Fact]
    public void The_same_message_and_part_always_give_the_same_positive_int32()
    {
        var id = Guid.Parse("0b7e3c1a-5d2f-4e8a-9c6b-1f2e3d4c5b6a");

        var first = VkRandomId.For(id, 0);

        Assert.Equal(first, VkRandomId.For(id, 0));
        Assert.InRange(first, 1, int.MaxValue);
    }

    [Fact]
    public void Parts_and_messages_get_different_ids_and_never_zero_or_negative()
    {
        var ids = new HashSet<int>();
        for (var i = 0; i < 2000; i++)
        {
            var message = Guid.NewGuid();
            foreach (var part in (int[])[0, 1, 2])
            {
                var value = VkRandomId.For(message, part);
                Assert.InRange(value, 1, int.MaxValue);
                ids.Add(value);
            }
        }

        // 6000 draws from 2^31: a collision is astronomically unlikely unless the derivation ignores its inputs.
        Assert.True(ids.Count >= 5999);
    }
}
