package dev.tidemark.kv.protocol;

/** Malformed client input; the message is the exact error line Redis replies before closing the connection. */
public final class ProtocolException extends Exception {
    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
        super(message, null, false, false);
    }
}
