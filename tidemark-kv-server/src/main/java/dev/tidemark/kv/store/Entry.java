package dev.tidemark.kv.store;

/**
 * One key of a database. The value is a byte[] for strings, or a {@link ListValue}, {@link HashValue},
 * {@link SetValue} or {@link StreamValue}. {@link #version} is the keyspace's mutation counter at this entry's last change: WATCH
 * compares it, and a forkless snapshot compares it with its own start version to know whether the entry
 * still has to be written before it may change (see {@link MutationObserver}).
 */
public final class Entry extends BytesTable.Node {
    public static final long NO_EXPIRY = -1;

    Object value;
    long expireAt = NO_EXPIRY;
    long version;
    /** Position in the database's expiry index, -1 when the key has no TTL. */
    int expirySlot = -1;
    /** Seconds-resolution clock of the last access, for OBJECT IDLETIME. */
    int accessedAt;
    /** Strings Redis encodes by content (int, embstr, raw). */
    public static final byte FORM_AUTO = 0;
    /** INCRBYFLOAT results: never "int", embstr when short. */
    public static final byte FORM_NOT_INT = 1;
    /** Made by APPEND, SETRANGE, SETBIT or BITOP: "raw" whatever the content. */
    public static final byte FORM_RAW = 2;
    byte stringForm;

    Entry(byte[] key, Object value) {
        super(key);
        this.value = value;
    }

    public Object value() {
        return value;
    }

    public long expireAt() {
        return expireAt;
    }

    public long version() {
        return version;
    }

    public int accessedAt() {
        return accessedAt;
    }

    public byte stringForm() {
        return stringForm;
    }

    public String typeName() {
        return typeName(value);
    }

    public static String typeName(Object value) {
        if (value instanceof byte[]) {
            return "string";
        }
        if (value instanceof ListValue) {
            return "list";
        }
        if (value instanceof HashValue) {
            return "hash";
        }
        if (value instanceof SetValue) {
            return "set";
        }
        if (value instanceof StreamValue) {
            return "stream";
        }
        throw new IllegalStateException("unknown value type " + value.getClass());
    }

    /** The encoding name OBJECT ENCODING reports, as Redis names it. */
    public String encoding() {
        if (value instanceof byte[] bytes) {
            if (stringForm == FORM_AUTO && bytes.length <= 20 && Bytes.isLong(bytes)) {
                return "int";
            }
            return stringForm != FORM_RAW && bytes.length <= 44 ? "embstr" : "raw";
        }
        if (value instanceof ListValue) {
            return "quicklist";
        }
        if (value instanceof HashValue h) {
            return h.isCompact() ? "listpack" : "hashtable";
        }
        if (value instanceof StreamValue) {
            return "stream";
        }
        return ((SetValue) value).isIntSet() ? "intset" : "hashtable";
    }
}
