using Weave.Primitives;

namespace Weave.Samples;

/// <summary>
/// Seed "Condition": a server and a client take turns speaking, each notifying the other.
/// </summary>
/// <remarks>
/// The seed's Python version has a race: if the server runs first, its notify() happens before
/// the client waits and is lost (bpo-8799's pattern), and the client waits forever. Here each side
/// waits for a turn variable with WaitFor, so the order threads start in does not matter.
/// </remarks>
internal sealed class ConditionDialogueSample : ISample
{
    private static readonly string[] s_serverLines = ["server: hello", "server: how can I help?", "server: bye"];
    private static readonly string[] s_clientLines = ["client: hi", "client: what time is it?", "client: thanks, bye"];

    public string Name => "condition-dialogue";

    public string Seed => "Condition: server/client dialogue with wait/notify";

    public void Run()
    {
        var cond = new Condition();
        var dialogue = new Dialogue();
        var client = new Speaker("client", cond, dialogue, Turn.Client, s_clientLines);
        var server = new Speaker("server", cond, dialogue, Turn.Server, s_serverLines);
        client.Start(); // Started first, as in the seed; it would not matter either way.
        server.Start();
        client.Join();
        server.Join();
    }

    private enum Turn
    {
        Server,
        Client,
    }

    private sealed class Dialogue
    {
        public Turn Next { get; set; } = Turn.Server; // Guarded by the condition's lock.
    }

    private sealed class Speaker(string name, Condition cond, Dialogue dialogue, Turn me, string[] lines)
        : WorkerThread(name: name)
    {
        protected override void Run()
        {
            foreach (string line in lines)
            {
                using (cond.EnterScope())
                {
                    cond.WaitFor(() => dialogue.Next == me);
                    Console.WriteLine(line);
                    dialogue.Next = me == Turn.Server ? Turn.Client : Turn.Server;
                    cond.Notify();
                }
            }
        }
    }
}
