package dev.orch.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orch.compiler.lang.ErrorKind;
import org.junit.jupiter.api.Test;

class ExpressionsTest {
    @Test
    void printShowsWholeNumbersWithoutDecimalsAndListsAndMapsAsJson() {
        var o = Scripts.run("""
                workflow main() {
                  print 18
                  print 7 / 2
                  print 5 / 100000
                  print [1, "a", true, null]
                  print { name: "x", n: 2 }
                  print "n = {3 * 6}, xs = {[1, 2]}"
                }
                """);
        assertThat(o.result().ok()).isTrue();
        assertThat(o.stdout()).isEqualTo("18\n3.5\n0.00005\n[1,\"a\",true,null]\n{\"name\":\"x\",\"n\":2}\nn = 18, xs = [1,2]\n");
    }

    @Test
    void plusJoinsTextAndListsAndContainsAndMatchesWork() {
        var o = Scripts.run("""
                workflow main() {
                  print "ab" + "cd"
                  print [1] + [2, 3]
                  print "count: " + str(2)
                  print "hello world" contains "lo w"
                  print [1, 2] contains 2
                  print { a: 1 } contains "b"
                  print "v1.2.3" matches "^v[0-9]+\\\\.[0-9]+"
                  print not (1 > 2) and 2 >= 2 or false
                }
                """);
        assertThat(o.stdout()).isEqualTo("abcd\n[1,2,3]\ncount: 2\ntrue\ntrue\nfalse\ntrue\ntrue\n");
    }

    @Test
    void addingTextAndANumberWhoseTypeTheCheckerCouldNotKnowFails() {
        var o = Scripts.run("""
                workflow main() {
                  data = json("[1]")
                  print "n: " + data[0]
                }
                """);
        assertThat(o.error().kind()).isEqualTo(ErrorKind.FAIL);
        assertThat(o.error().getMessage()).startsWith("cannot add a text and a number");
    }

    @Test
    void fieldsIndexesAndBuiltins() {
        var o = Scripts.run("""
                workflow main() {
                  data = json("\\{\\"items\\": [\\"a\\", \\"b\\"], \\"n\\": 2}")
                  print data.items[1]
                  print len(data.items) + data.n
                  print join(split("a,b,c", ","), "-")
                  print len(lines("x\\ny\\nz"))
                  print num("41") + 1
                  print str(5) + "!"
                }
                """);
        assertThat(o.stdout()).isEqualTo("b\n4\na-b-c\n3\n42\n5!\n");
    }

    @Test
    void badJsonIsBadOutputAndPointsAtTheCall() {
        var o = Scripts.run("""
                workflow main() {
                  x = json("not json")
                  print x
                }
                """);
        assertThat(o.error().kind()).isEqualTo(ErrorKind.BAD_OUTPUT);
        assertThat(o.error().span().line()).isEqualTo(2);
    }

    @Test
    void replyFieldsCarryUsage() {
        var o = Scripts.run("""
                model m = mock(price_in: 1000000, price_out: 1000000)
                agent a { model: m }
                workflow main() {
                  r = a("12345678")
                  print "{r} {r.tokens_in} {r.tokens_out} {r.cost} {r.model} {r.attempts}"
                }
                """);
        assertThat(o.stdout()).isEqualTo("12345678 2 2 4 m 1\n");
    }
}
