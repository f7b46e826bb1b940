package dev.orch.interpreter;

import dev.orch.compiler.ast.Expr;
import dev.orch.compiler.lang.ErrorKind;
import dev.orch.compiler.plan.AgentSpec;
import dev.orch.compiler.plan.Estimator;
import dev.orch.compiler.plan.ModelSpec;
import dev.orch.compiler.plan.Plan;
import dev.orch.stdlib.provider.Summarizer;
import dev.orch.stdlib.value.Value;
import dev.orch.stdlib.value.Values;
import java.util.List;
import java.util.Map;

/**
 * `summarize(text, tokens: N, model: M)`: a call to M with {@link Summarizer}'s instructions and `max_tokens: N`,
 * made like an agent call (budget, events, totals), or the text itself when it already fits in N tokens. Without
 * `tokens:` the limit is the estimator's default reply length. With a `mock` model the summary is the text cut to
 * N tokens (mock echoes, and stops at `max_tokens` as a real model does) unless a rule of the mock matches the text.
 */
final class Summaries {
    private final Plan plan;
    private final AgentCalls agents;

    Summaries(Plan plan, AgentCalls agents) {
        this.plan = plan;
        this.agents = agents;
    }

    Value summarize(Expr.Call call, List<Value> args, Map<String, Value> options, Ctx c, String task,
                    String place) {
        if (args.isEmpty()) throw RunError.of(ErrorKind.FAIL, "summarize() needs the text to summarise", task, call.span(), c.attempt());
        String text = Values.show(args.get(0));
        Value limit = options.get("tokens");
        int tokens = limit instanceof Value.Num n ? (int) n.value() : (int) Estimator.DEFAULT_MAX_TOKENS;
        if (tokens <= 0) throw RunError.of(ErrorKind.FAIL, "summarize(tokens: " + tokens + "): give a positive number of tokens", task, call.span(), c.attempt());
        Value chosen = options.get("model");
        ModelSpec model = chosen == null ? null : plan.model(Values.show(chosen));
        if (model == null) {
            throw RunError.of(ErrorKind.FAIL, chosen == null ? "summarize() needs model: NAME, the model that writes the summary"
                    : "'" + Values.show(chosen) + "' is not a declared model", task, call.span(), c.attempt());
        }
        if (Summarizer.fits(text, tokens)) return new Value.Reply(text, 0, 0, 0, model.name(), 0, c.attempt());
        AgentSpec summarizer = new AgentSpec("summarize", null, model.name(), Summarizer.instructions(tokens), null, tokens,
                null, null, null, call.span());
        return agents.call(summarizer, call, List.of(new Value.Text(text)), Map.of(), c, task, place, true);
    }
}
