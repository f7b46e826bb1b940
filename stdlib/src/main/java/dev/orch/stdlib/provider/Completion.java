package dev.orch.stdlib.provider;

/** A model's reply and the usage the provider reported (or estimated, for `mock`). */
public record Completion(String text, long tokensIn, long tokensOut, String model) {}
