namespace Inbox.Chatbot; internal static class Placeholder { }
