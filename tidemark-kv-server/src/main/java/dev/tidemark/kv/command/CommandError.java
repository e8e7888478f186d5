package dev.tidemark.kv.command;

/**
 * An error reply thrown from inside a command; the dispatcher writes it. Without a stack trace, and the
 * common ones are shared instances, so a failing command costs no allocation.
 */
public final class CommandError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public static final CommandError WRONG_TYPE = new CommandError("WRONGTYPE Operation against a key holding the wrong kind of value");
    public static final CommandError NOT_INTEGER = new CommandError("ERR value is not an integer or out of range");
    public static final CommandError NOT_FLOAT = new CommandError("ERR value is not a valid float");
    public static final CommandError SYNTAX = new CommandError("ERR syntax error");
    public static final CommandError NO_SUCH_KEY = new CommandError("ERR no such key");
    public static final CommandError INDEX_OUT_OF_RANGE = new CommandError("ERR index out of range");
    public static final CommandError DB_OUT_OF_RANGE = new CommandError("ERR DB index is out of range");
    public static final CommandError OVERFLOW = new CommandError("ERR increment or decrement would overflow");
    public static final CommandError NOT_POSITIVE = new CommandError("ERR value is out of range, must be positive");
    public static final CommandError TOO_BIG = new CommandError("ERR string exceeds maximum allowed size (proto-max-bulk-len)");
    public static final CommandError INVALID_CURSOR = new CommandError("ERR invalid cursor");

    public CommandError(String message) {
        super(message, null, false, false);
    }

    public static CommandError wrongArgs(String command) {
        return new CommandError("ERR wrong number of arguments for '" + command + "' command");
    }
}
