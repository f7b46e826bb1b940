package dev.orch.compiler.load;

import java.io.IOException;

/** An import the loader will not read, with the reason in the user's words (it leaves the folder, it is no file, ...). */
public final class ImportRefused extends IOException {
    public ImportRefused(String reason) {
        super(reason);
    }
}
