package dev.tidemark.error;

import java.util.Objects;

/**
 * The one exception type Tidemark throws for conditions a user can act on. The message is a single
 * line that says what is wrong; the hint says what to do. Neither ever contains a secret: callers
 * pass redacted locations (see {@code dev.tidemark.env.Redaction}).
 */
public class TidemarkException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorKind kind;
    private final String hint;

    public TidemarkException(ErrorKind kind, String message) {
        this(kind, message, null, null);
    }

    public TidemarkException(ErrorKind kind, String message, String hint) {
        this(kind, message, hint, null);
    }

    public TidemarkException(ErrorKind kind, String message, String hint, Throwable cause) {
        super(singleLine(Objects.requireNonNull(message, "message")), cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.hint = hint == null ? null : singleLine(hint);
    }

    public ErrorKind kind() {
        return kind;
    }

    /** What the user can do about it, or null. */
    public String hint() {
        return hint;
    }

    /** The message and hint as one line, as the CLI prints it. */
    public String oneLine() {
        return hint == null ? getMessage() : getMessage() + " (" + hint + ")";
    }

    /**
     * The first line of what {@code cause} says, or its class name when it says nothing (a closed channel, an
     * interrupted read), so a message built from it never reads "null".
     */
    public static String reasonOf(Throwable cause) {
        String message = cause.getMessage();
        if (message == null || message.isBlank()) {
            return cause.getClass().getSimpleName();
        }
        return message.lines().filter(line -> !line.isBlank()).findFirst().orElse("").strip();
    }

    private static String singleLine(String text) {
        return text.replace("\r", " ").replace('\n', ' ').strip();
    }
}
