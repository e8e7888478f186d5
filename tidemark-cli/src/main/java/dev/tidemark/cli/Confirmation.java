package dev.tidemark.cli;

import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;

/** Destructive commands ask a person first, and refuse to run unattended without {@code --yes}. */
final class Confirmation {
    private Confirmation() {
    }

    static void require(Terminal terminal, boolean yes, String question) {
        if (yes) {
            return;
        }
        if (!terminal.interactive()) {
            throw new TidemarkException(ErrorKind.NOT_CONFIRMED, "confirmation needed: " + question,
                    "pass --yes to confirm when no terminal is attached");
        }
        if (!terminal.confirm(question)) {
            throw new TidemarkException(ErrorKind.NOT_CONFIRMED, "cancelled; nothing was changed");
        }
    }
}
