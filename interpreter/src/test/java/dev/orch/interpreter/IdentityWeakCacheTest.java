package dev.orch.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A plan's index is built once however often the plan runs, and an equal but separate plan gets its own. */
class IdentityWeakCacheTest {
    @Test
    void theSameKeyIsComputedOnceAndAnEqualOneSeparately() {
        IdentityWeakCache<List<String>, String> cache = new IdentityWeakCache<>();
        AtomicInteger computed = new AtomicInteger();
        List<String> plan = new ArrayList<>(List.of("a"));
        List<String> equal = new ArrayList<>(List.of("a"));
        String first = cache.get(plan, k -> "index " + computed.incrementAndGet());
        assertThat(cache.get(plan, k -> "index " + computed.incrementAndGet())).isSameAs(first);
        assertThat(cache.get(equal, k -> "index " + computed.incrementAndGet())).isEqualTo("index 2");
        assertThat(computed.get()).isEqualTo(2);
        assertThat(cache.size()).isEqualTo(2);
    }
}
