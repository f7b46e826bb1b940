package bench;

import static org.bsc.langgraph4j.StateGraph.END;
import static org.bsc.langgraph4j.StateGraph.START;
import static org.bsc.langgraph4j.action.AsyncNodeAction.node_async;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.bsc.langgraph4j.RunnableConfig;
import org.bsc.langgraph4j.StateGraph;
import org.bsc.langgraph4j.state.AgentState;
import org.bsc.langgraph4j.state.Channels;

/**
 * The fan-out shape of bench/startup's whole-process row as langgraph4j runs it: a node "fan" whose N successors
 * run in parallel on a virtual-thread executor, each returning a fixed reply into an appender channel, then a node
 * that counts the replies. Prints the count, as `orch run` of the same shape prints len(ys).
 *   java -cp ... bench.FanOut N
 */
public final class FanOut {
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        var graph = new StateGraph<>(Map.of("replies", Channels.appender(java.util.ArrayList::new)), AgentState::new);
        graph.addNode("fan", node_async(state -> Map.of()));
        graph.addNode("count", node_async(state -> Map.of("count", state.<List<?>>value("replies").orElseThrow().size())));
        graph.addEdge(START, "fan");
        for (int i = 0; i < n; i++) {
            String name = "call" + i;
            String reply = "reply to call " + i;
            graph.addNode(name, node_async(state -> Map.of("replies", List.of(reply))));
            graph.addEdge("fan", name);
            graph.addEdge(name, "count");
        }
        graph.addEdge("count", END);
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var config = RunnableConfig.builder().addParallelNodeExecutor("fan", executor).build();
            var result = graph.compile().invoke(Map.of(), config).orElseThrow();
            System.out.println(result.<Integer>value("count").orElseThrow());
        }
    }
}
