package dev.orch.cli;

import java.io.InputStream;
import java.io.PrintWriter;

/** A command's stdin, stdout and stderr ({@link Main#streams}), for the helpers that read or write for it. */
record Streams(InputStream in, PrintWriter out, PrintWriter err) {}
