package dev.orch.interpreter.store;

/** A reply kept by `--cache`: the same request later gets it back without a call, at no cost. */
public record CachedReply(String provider, String model, String reply, long tokensIn, long tokensOut, double cost) {}
