package dev.orch.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orch.compiler.lang.ErrorKind;
import org.junit.jupiter.api.Test;

/**
 * Untyped JSON (decision 3): `format: "json"` and `json(text)` give maps and lists; a field a map lacks is
 * `bad_output` naming the fields it has, never a silent null; a JSON reply, typed or not, keeps the reply's usage
 * fields unless it has a key of that name.
 */
class JsonValuesTest {
    @Test
    void aJsonAgentGivesAMapThatStillHasTheRepliesUsage() {
        var o = Scripts.run("""
                model m = mock(rules: { "plan": "\\{\\"title\\": \\"Ship it\\", \\"steps\\": [\\"build\\", \\"test\\"]}" })
                agent planner { model: m, format: "json" }
                workflow main() {
                  spec = planner("plan the release")
                  print spec.title
                  print spec.steps[1]
                  print len(spec)
                  print spec contains "steps"
                  print spec contains "owner"
                  print "{spec.model} {spec.tokens_out > 0} {spec.attempts}"
                  print json(spec) == spec
                }
                """);

        assertThat(o.result().ok()).as(String.valueOf(o.error())).isTrue();
        assertThat(o.stdout()).isEqualTo("Ship it\ntest\n2\ntrue\nfalse\nm true 1\ntrue\n");
    }

    @Test
    void aFieldTheMapLacksIsBadOutputNamingTheFieldsItHas() {
        var o = Scripts.run("""
                model m = mock(rules: { "plan": "\\{\\"title\\": \\"Ship it\\", \\"steps\\": []}" })
                agent planner { model: m, format: "json" }
                workflow main() {
                  spec = planner("plan the release")
                  print "Build {spec.titel} now"
                }
                """);

        assertThat(o.stdout()).isEmpty();
        assertThat(o.error().kind()).isEqualTo(ErrorKind.BAD_OUTPUT);
        assertThat(o.error().getMessage()).isEqualTo("spec has no field 'titel'; its fields are title and steps (did you"
                + " mean 'title'?); get(spec, \"titel\", default) reads a field that may be missing");
        assertThat(o.error().span().line()).isEqualTo(5);
    }

    @Test
    void jsonOfTextGivesMapsAndListsAndOfAMapReturnsIt() {
        var o = Scripts.run("""
                workflow main() {
                  m = json("\\{\\"a\\": [1, 2, \\{\\"b\\": null}]}")
                  print m.a[2]
                  print len(m.a)
                  print json(m) == m
                  print json(m.a) == m.a
                  print json("[true]")[0]
                }
                """);

        assertThat(o.result().ok()).as(String.valueOf(o.error())).isTrue();
        assertThat(o.stdout()).isEqualTo("{\"b\":null}\n3\ntrue\ntrue\ntrue\n");
    }

    @Test
    void aTypedReplyKeepsItsUsageUnlessTheTypeHasAFieldOfThatName() {
        var o = Scripts.run("""
                model m = mock(rules: { "price": "\\{\\"item\\": \\"tea\\", \\"cost\\": 4.5}", "list": "[\\"a\\", \\"b\\"]" })
                type Quote { item: text, cost: number }
                agent quoter { model: m, output: Quote }
                agent lister { model: m, output: [text] }
                agent namer { model: m, output: "short" | "long" }
                workflow main() {
                  q = quoter("price of tea")
                  print "{q.item} {q.cost} {q.model} {q.tokens_in > 0}"
                  xs = lister("list two")
                  print "{xs[1]} {xs.model} {xs.attempts}"
                  n = namer("name it")
                  print "{n} {n.model}"
                }
                """);

        assertThat(o.result().ok()).as(String.valueOf(o.error())).isTrue();
        assertThat(o.stdout()).isEqualTo("tea 4.5 m true\nb m 1\nshort m\n");
    }
}
