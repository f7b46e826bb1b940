package dev.orch.temporal;

/**
 * How a run on Temporal ended: what it printed, and its error's kind and message (null when it succeeded), as a
 * local run would report them; {@code value} is what main returned as `orch run` prints it (null: nothing, or null);
 * {@code failure} is the error with its place in the script and its causes, for the client to write it out.
 * The error {@value #UNGRANTED} is no Orch error kind: the run did not start, its worker lacks a grant it needs.
 */
public record RunOutcome(String stdout, String error, String message, long ms, long calls, long tokensIn, long tokensOut,
                         double cost, String value, RunFailure failure) {
    public static final String UNGRANTED = "ungranted";

    public RunOutcome(String stdout, String error, String message, long ms, long calls, long tokensIn, long tokensOut,
                      double cost) {
        this(stdout, error, message, ms, calls, tokensIn, tokensOut, cost, null, null);
    }

    public RunOutcome(String stdout, String error, String message, long ms, long calls, long tokensIn, long tokensOut,
                      double cost, String value) {
        this(stdout, error, message, ms, calls, tokensIn, tokensOut, cost, value, null);
    }

    public boolean ok() {
        return error == null;
    }
}
