package dev.orch.interpreter;

import dev.orch.stdlib.value.Value;
import java.util.Map;

/**
 * A run and what its workflow's scope held when it ended: {@code names} (its parameters and every name assigned at
 * its top level or in blocks whose names stay visible) and {@code last}, the value of its last statement (null when
 * it failed or returned early).
 */
public record RunEnd(RunResult result, Map<String, Value> names, Value last) {}
