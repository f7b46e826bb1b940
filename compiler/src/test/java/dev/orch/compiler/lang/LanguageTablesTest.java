package dev.orch.compiler.lang;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tables say what LANGUAGE.md says; the checker, interpreter, completion and help all read them. */
class LanguageTablesTest {
    /** The contract's builtins (v0 and v1's text, list and map ones); docs/LANGUAGE.md is tested against the whole table. */
    @Test
    void everyBuiltinOfTheContractIsInTheTableWithItsSignature() {
        assertThat(Arrays.stream(Builtin.values()).map(Builtin::signature)).contains(
                "read(path)", "write(path, text)", "append(path, text)", "json(text)", "str(x)", "num(x)", "len(x)",
                "lines(text)", "split(text, sep)", "join(list, sep)", "http(url, method:, headers:, body:)", "sh(cmd, timeout:, cwd:)", "ls(path)",
                "summarize(text, tokens:, model:)", "sleep(dur)", "run(source, args...)",
                "trim(text)", "lower(text)", "upper(text)", "replace(text, old, new)", "starts_with(text, prefix)",
                "ends_with(text, suffix)", "find(text, regex)", "find_all(text, regex)", "slice(x, from, to?)", "keys(map)",
                "values(map)", "has(x, key)", "get(x, key, default?)", "merge(map, maps...)", "sort(list)", "unique(list)",
                "sum(list)", "min(values...)", "max(values...)", "env(name, default?)",
                "ask(question, options:, timeout:, default:)", "diagnose(source)", "estimate(source)");
        assertThat(Arrays.stream(Builtin.values()).map(b -> b.callName).distinct()).hasSize(Builtin.values().length);
    }

    @Test
    void onlyShAndHttpAlwaysNeedAnAllow() {
        assertThat(Arrays.stream(Builtin.values()).filter(b -> b.capability.alwaysNeeded))
                .containsExactly(Builtin.HTTP, Builtin.SH);
        assertThat(Builtin.SH.capability.flag).isEqualTo("shell");
        assertThat(Builtin.HTTP.capability.flag).isEqualTo("net");
    }

    @Test
    void runTakesTheSourceAndAnyNumberOfArguments() {
        assertThat(Builtin.RUN.minArgs()).isEqualTo(1);
        assertThat(Builtin.RUN.maxArgs()).isEqualTo(Integer.MAX_VALUE);
        assertThat(Builtin.SPLIT.minArgs()).isEqualTo(2);
        assertThat(Builtin.SPLIT.maxArgs()).isEqualTo(2);
    }

    @Test
    void theFirstFourErrorKindsAreRetryable() {
        assertThat(Arrays.stream(ErrorKind.values()).filter(ErrorKind::retryable).map(ErrorKind::word))
                .containsExactly("timeout", "rate_limit", "server", "bad_output");
        assertThat(Arrays.stream(ErrorKind.values()).map(ErrorKind::word)).containsExactly(
                "timeout", "rate_limit", "server", "bad_output", "budget", "circuit_open", "cancelled", "tool", "fail",
                "max_turns", "truncated", "refused");
    }

    @Test
    void mockTakesNoModelIdAndHasItsOwnOptions() {
        assertThat(Provider.MOCK.takesModelId).isFalse();
        assertThat(Keys.names(Provider.MOCK.options)).contains("rules", "latency", "fail_first", "fail", "fail_rate", "seed")
                .doesNotContain("base_url", "api_key_env");
        for (Provider p : List.of(Provider.OPENAI, Provider.ANTHROPIC, Provider.OLLAMA)) {
            assertThat(p.takesModelId).isTrue();
            assertThat(Keys.names(p.options)).containsExactly("base_url", "api_key_env", "max_reply_mb", "timeout",
                    "idle_timeout", "max_concurrency", "rpm", "tpm",
                    "temperature", "price_in", "price_out", "price_cache_write", "price_cache_read");
        }
    }

    @Test
    void declarationKeysMatchTheLanguage() {
        assertThat(Keys.names(Keys.AGENT)).containsExactly("model", "system", "temperature", "max_tokens", "format", "timeout", "breaker", "tools",
                "max_turns");
        assertThat(Keys.names(Keys.BREAKER)).containsExactly("failures", "window", "cooldown");
        assertThat(Keys.BREAKER).allMatch(Key::required);
        assertThat(Keys.names(Keys.BUDGET)).containsExactly("tokens", "cost");
        assertThat(Keys.names(Keys.AGENT_CALL)).containsExactly("max_tokens", "temperature", "system", "format", "timeout", "model");
    }

    @Test
    void aReplyCountsAsText() {
        assertThat(Type.REPLY.fits(Type.TEXT)).isTrue();
        assertThat(Type.TEXT.fits(Type.REPLY)).isFalse();
        assertThat(Type.REPLY.join(Type.TEXT)).isEqualTo(Type.TEXT);
        assertThat(Type.NUMBER.join(Type.TEXT)).isEqualTo(Type.ANY);
        assertThat(ReplyField.find("tokens_out").type).isEqualTo(Type.NUMBER);
        assertThat(ReplyField.find("model").type).isEqualTo(Type.TEXT);
    }
}
