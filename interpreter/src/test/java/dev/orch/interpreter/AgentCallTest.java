package dev.orch.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orch.compiler.lang.ErrorKind;
import dev.orch.interpreter.events.RunEvent;
import dev.orch.stdlib.provider.Completion;
import dev.orch.stdlib.provider.CompletionRequest;
import dev.orch.stdlib.provider.Provider;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class AgentCallTest {
    @Test
    void theRequestComesFromTheAgentAndCallOptionsOverrideIt() {
        List<CompletionRequest> seen = new CopyOnWriteArrayList<>();
        Provider recording = r -> {
            seen.add(r);
            return new Completion("{\"ok\": true}", 1, 1, "m");
        };
        var o = Scripts.run("""
                model m = mock(temperature: 0.3)
                agent base { model: m, system: "You are terse.", max_tokens: 100, timeout: 5s }
                agent child extends base { format: "json" }
                workflow main() {
                  x = child("first")
                  y = child("second", max_tokens: 7, system: "You are kind.", temperature: 1)
                  print json(y).ok
                }
                """, spec -> recording);
        assertThat(o.stdout()).isEqualTo("true\n");
        CompletionRequest first = seen.get(0);
        assertThat(first.system()).isEqualTo("You are terse.");
        assertThat(first.maxTokens()).isEqualTo(100);
        assertThat(first.json()).isTrue();
        assertThat(first.temperature()).isEqualTo(0.3);
        assertThat(first.timeout()).hasSeconds(5);
        CompletionRequest second = seen.get(1);
        assertThat(second.system()).isEqualTo("You are kind.");
        assertThat(second.maxTokens()).isEqualTo(7);
        assertThat(second.temperature()).isEqualTo(1.0);
    }

    @Test
    void aJsonAgentsReplyThatIsNotJsonIsBadOutputAndRetried() {
        var o = Scripts.run("""
                model m = mock(rules: { "try 1": "not json", "try 2": "[1, 2]" })
                agent a { model: m, format: "json" }
                workflow main() {
                  var n = 0
                  retry 3 on bad_output {
                    n = n + 1
                    r = a("try {n}")
                  }
                  print len(json(r))
                }
                """);
        assertThat(o.stdout()).isEqualTo("2\n");
        assertThat(o.events(RunEvent.TaskFailed.class)).singleElement()
                .satisfies(e -> assertThat(e.errorText()).startsWith("bad_output: "));
    }

    @Test
    void aModelWithoutItsKeyFailsOnlyWhenCalledAndNamesTheVariable() {
        var o = Scripts.run("""
                model smart = openai("gpt-4o")
                agent a { model: smart }
                workflow main() {
                  print "before"
                  print a("hello")
                }
                """);
        assertThat(o.stdout()).isEqualTo("before\n");
        assertThat(o.error().kind()).isEqualTo(ErrorKind.FAIL);
        assertThat(o.error().getMessage()).contains("model 'smart' (openai)", "set the environment variable OPENAI_API_KEY");
    }

    @Test
    void aCallCanPickAnotherModel() {
        var o = Scripts.run("""
                model cheap  = mock(rules: { ".": "cheap" })
                model strong = mock(rules: { ".": "strong" })
                agent a { model: cheap }
                workflow main() {
                  print a("x") + " " + a("x", model: strong)
                }
                """);
        assertThat(o.stdout()).isEqualTo("cheap strong\n");
    }

    @Test
    void sequenceBlocksRunInOrder() {
        var o = Scripts.run("""
                workflow main() {
                  sequence {
                    print 1
                    print 2
                  }
                  print 3
                }
                """);
        assertThat(o.stdout()).isEqualTo("1\n2\n3\n");
    }
}
