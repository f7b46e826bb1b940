package dev.orch.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs contenders in rounds, each round running every contender once in turn, so a burst of load from another
 * process on the machine hits Orch and its baseline alike. Warm-up rounds come first and are not recorded (class
 * loading, JIT). A full GC before each trial keeps one contender's garbage off the next one's clock.
 */
final class Interleaved {
    private final Map<String, Trial> contenders = new LinkedHashMap<>();

    Interleaved add(String name, Trial trial) {
        contenders.put(name, trial);
        return this;
    }

    Map<String, Samples> run(int warmups, int rounds) throws Exception {
        Map<String, Samples> samples = new LinkedHashMap<>();
        contenders.keySet().forEach(name -> samples.put(name, new Samples(name)));
        for (int round = 0; round < warmups + rounds; round++) {
            List<String> order = new ArrayList<>(contenders.keySet());
            // Alternate who goes first, so neither always runs right after the other's garbage or a cold cache.
            if (round % 2 == 1) Collections.reverse(order);
            for (String name : order) {
                System.gc();
                double value = contenders.get(name).run();
                if (round >= warmups) samples.get(name).add(value);
            }
        }
        return samples;
    }
}
