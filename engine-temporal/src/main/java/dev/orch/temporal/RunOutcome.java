package dev.orch.temporal;

/**
 * How a run on Temporal ended: what it printed, and its error's kind and message (null when it succeeded), as a
 * local run would report them.
 */
public record RunOutcome(String stdout, String error, String message, long ms, long calls, long tokensIn, long tokensOut,
                         double cost) {
    public boolean ok() {
        return error == null;
    }
}
