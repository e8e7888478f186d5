package dev.tidemark.kv.command.streams;

import dev.tidemark.kv.command.Client;
import dev.tidemark.kv.command.CommandError;
import dev.tidemark.kv.command.Values;
import dev.tidemark.kv.protocol.Args;
import dev.tidemark.kv.protocol.Reply;
import dev.tidemark.kv.store.Entry;
import dev.tidemark.kv.store.StreamCursor;
import dev.tidemark.kv.store.StreamGroup;
import dev.tidemark.kv.store.StreamId;
import dev.tidemark.kv.store.StreamValue;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/** Lookups, error texts and reply pieces shared by the stream commands. */
final class Streams {
    private Streams() {
    }

    /** The stream at argument i for a read (counted as a keyspace hit or miss), null when absent. */
    static StreamValue read(Client c, Args a, int i) {
        return value(Values.read(c, a, i));
    }

    /** The entry at argument i for a write (not counted), null when absent; WRONGTYPE unless a stream. */
    static Entry forWrite(Client c, Args a, int i) {
        Entry e = c.db().read(a.buffer(), a.offset(i), a.length(i));
        value(e);
        return e;
    }

    static StreamValue value(Entry e) {
        if (e == null) {
            return null;
        }
        if (!(e.value() instanceof StreamValue s)) {
            throw CommandError.WRONG_TYPE;
        }
        return s;
    }

    /** An error whose text embeds client bytes as Redis's addReplyErrorFormat does: up to a NUL, no line breaks. */
    static CommandError formatted(String text) {
        return new CommandError(text.replace('\r', ' ').replace('\n', ' '));
    }

    /** Client bytes as C's %s prints them: up to the first NUL. */
    static String cString(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.ISO_8859_1);
    }

    static String arg(Args a, int i) {
        return cString(a.buffer(), a.offset(i), a.length(i));
    }

    /** Whether argument i is, as a C string, the one character c. */
    static boolean isChar(Args a, int i, char c) {
        byte[] b = a.buffer();
        int off = a.offset(i);
        return a.length(i) >= 1 && b[off] == c && (a.length(i) == 1 || b[off + 1] == 0);
    }

    /** The group named by argument i, or NOGROUP with Redis's text for commands that take key and group. */
    static StreamGroup group(StreamValue s, Args a, int key, int group) {
        StreamGroup g = s == null ? null : s.group(a.bytes(group));
        if (g == null) {
            throw formatted("NOGROUP No such key '" + arg(a, key) + "' or consumer group '" + arg(a, group) + "'");
        }
        return g;
    }

    static void id(Reply r, long ms, long seq) {
        r.bulk(StreamIds.text(ms, seq));
    }

    static void id(Reply r, StreamId id) {
        id(r, id.ms(), id.seq());
    }

    /** One entry: its ID and its fields and values. */
    static void entry(Reply r, StreamCursor cursor) {
        r.array(2);
        id(r, cursor.ms(), cursor.seq());
        r.array(cursor.fieldCount() * 2L);
        cursor.fields(r::bulk);
    }

    /** The entry with this ID as one element, or nothing; returns whether it exists. */
    static boolean entry(Reply r, StreamValue s, StreamId id) {
        StreamCursor cursor = s.cursor(id, id, false);
        if (!cursor.next()) {
            return false;
        }
        entry(r, cursor);
        return true;
    }

    /**
     * An array whose length is known only after its elements are written (Redis's deferred length): begin before
     * writing them, then give the count.
     */
    static final class Deferred {
        private final Reply reply;
        private final int mark;

        Deferred(Reply reply) {
            this.reply = reply;
            this.mark = reply.buffer().writerIndex();
        }

        void array(long n) {
            prepend(() -> reply.array(n));
        }

        void map(long n) {
            prepend(() -> reply.map(n));
        }

        /** Writes what header writes in front of everything written since this began. */
        void prepend(Runnable header) {
            ByteBuf buf = reply.buffer();
            byte[] body = new byte[buf.writerIndex() - mark];
            buf.getBytes(mark, body);
            buf.writerIndex(mark);
            header.run();
            buf.writeBytes(body);
        }
    }
}
