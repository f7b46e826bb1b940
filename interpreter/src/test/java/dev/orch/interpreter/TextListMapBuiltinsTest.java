package dev.orch.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orch.compiler.lang.ErrorKind;
import dev.orch.stdlib.provider.Env;
import java.nio.file.Files;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The v1 builtins for text, lists and maps, negative indexes, and env() under decision 8. */
class TextListMapBuiltinsTest {
    @Test
    void textBuiltins() {
        var o = Scripts.run("""
                workflow main() {
                  t = "  Hello, World  "
                  print "[{trim(t)}] {lower(trim(t))} {upper("abc")}"
                  print replace("a-b-c", "-", "+")
                  print "{starts_with("orch.md", "orch")} {ends_with("orch.md", ".txt")}"
                  print find("v1.2.3 and v2.0", "v[0-9.]+")
                  print find("no version", "v[0-9]+")
                  print find_all("v1.2.3 and v2.0", "v[0-9.]+")
                  print "{slice("abcdef", 1, 3)} {slice("abcdef", -2)} {"abc"[-1]}"
                }
                """);

        assertThat(o.result().ok()).as(String.valueOf(o.error())).isTrue();
        assertThat(o.stdout()).isEqualTo("[Hello, World] hello, world ABC\na+b+c\ntrue false\nv1.2.3\nnull\n"
                + "[\"v1.2.3\",\"v2.0\"]\nbc ef c\n");
    }

    @Test
    void listAndMapBuiltins() {
        var o = Scripts.run("""
                workflow main() {
                  xs = [3, 1, 2, 3]
                  print "{xs[-1]} {xs[-4]} {slice(xs, 1)} {slice(xs, 0, -1)}"
                  print "{sort(xs)} {unique(xs)} {sum(xs)} {min(xs)} {max(xs)} {max(4, 9, 2)} {min("b", "a")}"
                  m = { name: "orch", tags: ["a"] }
                  print "{keys(m)} {values(m)}"
                  print "{has(m, "name")} {has(m, "size")} {has(xs, 2)}"
                  print "{get(m, "size", 0)} {get(m, "name", "?")} {get(m, "size")} {get(xs, -1, 0)} {get(xs, 9, 0)}"
                  print merge(m, { name: "orch 2", size: 3 })
                  print sort(["pear", "apple"])
                }
                """);

        assertThat(o.result().ok()).as(String.valueOf(o.error())).isTrue();
        assertThat(o.stdout()).isEqualTo("3 3 [1,2,3] [3,1,2]\n[1,2,3,3] [3,1,2] 9 1 3 9 a\n"
                + "[\"name\",\"tags\"] [\"orch\",[\"a\"]]\ntrue false true\n0 orch null 3 0\n"
                + "{\"name\":\"orch 2\",\"tags\":[\"a\"],\"size\":3}\n[\"apple\",\"pear\"]\n");
    }

    @Test
    void anIndexPastEitherEndIsAnErrorNamingTheLength() {
        var o = Scripts.run("""
                workflow main() {
                  xs = [1, 2]
                  print xs[-3]
                }
                """);

        assertThat(o.error().getMessage()).isEqualTo("index -3 is outside the list of 2 items");
    }

    @Test
    void sortingMixedKindsIsAnErrorSayingSo() {
        var o = Scripts.run("""
                workflow main() {
                  print sort([1, "a"])
                }
                """);

        assertThat(o.error().kind()).isEqualTo(ErrorKind.FAIL);
        assertThat(o.error().getMessage()).contains("sort() compares numbers or texts, one kind at a time");
    }

    @Test
    void envReadsAVariableOrTheDefaultAndAKeyOnlyWithItsGrant() throws Exception {
        Env env = Map.of("REGION", "eu-west", "ORCH_TEST_KEY", "sk-secret", "ORCH_MODEL_TOKEN", "t-1")::get;
        String script = """
                model m = openai("gpt-x", api_key_env: "ORCH_MODEL_TOKEN")
                workflow main(name: text = "REGION") {
                  print env(name)
                  print env("UNSET_THING", "fallback")
                  print env("UNSET_THING")
                }
                """;
        var plain = Scripts.run(Files.createTempDirectory("orch-test"), script, null, Map.of(), env);
        assertThat(plain.stdout()).isEqualTo("eu-west\nfallback\nnull\n");

        // A name computed at run time is checked at run time.
        var key = Scripts.run(Files.createTempDirectory("orch-test"), script, null,
                Map.of("name", dev.orch.stdlib.value.Value.of("ORCH_TEST_KEY")), env);
        assertThat(key.error().getMessage()).isEqualTo("env(\"ORCH_TEST_KEY\") reads a variable that looks like a"
                + " credential (its name ends in _KEY, _TOKEN, _SECRET or PASSWORD): reading it needs `--allow env:ORCH_TEST_KEY`");
        var modelKey = Scripts.run(Files.createTempDirectory("orch-test"), script, null,
                Map.of("name", dev.orch.stdlib.value.Value.of("ORCH_MODEL_TOKEN")), env);
        assertThat(modelKey.error().getMessage()).startsWith("env(\"ORCH_MODEL_TOKEN\") reads the variable a model takes its API key from");
        var granted = Scripts.run(Files.createTempDirectory("orch-test"), script, null,
                Map.of("name", dev.orch.stdlib.value.Value.of("ORCH_TEST_KEY")), env, Set.of("env:ORCH_TEST_KEY"), false);
        assertThat(granted.stdout()).startsWith("sk-secret\n");
    }
}
