package dev.orch.interpreter;

import dev.orch.stdlib.provider.tool.ToolSpec;
import dev.orch.stdlib.value.Value;
import java.util.Map;

/**
 * A tool an agent's model may call: how the model is offered it, and what running it does. {@code name} is the
 * script's name for it (`read`, `run_tests`, `files.read_text_file`), {@link ToolSpec#name()} the name on the wire. Running it
 * throws a {@link RunError} for a failure, which goes back to the model as an error result.
 */
interface AgentTool {
    String name();

    ToolSpec spec();

    /** {@code use}: which call this is, for what a declared tool does inside it. */
    Value run(Map<String, Value> args, ToolUse use) throws InterruptedException;
}
