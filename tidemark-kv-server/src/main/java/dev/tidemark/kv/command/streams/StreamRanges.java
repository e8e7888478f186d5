package dev.tidemark.kv.command.streams;

import dev.tidemark.kv.protocol.Reply;
import dev.tidemark.kv.store.StreamCursor;
import dev.tidemark.kv.store.StreamGroup;
import dev.tidemark.kv.store.StreamId;
import dev.tidemark.kv.store.StreamValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Replies with runs of entries, as Redis's streamReplyWithRange, for plain reads and consumer group reads. */
final class StreamRanges {
    /** What a consumer group read changes: the group, the consumer reading, whether NOACK was given, the time. */
    record GroupRead(StreamGroup group, StreamGroup.Consumer consumer, boolean noAck, long now) {
    }

    private StreamRanges() {
    }

    /**
     * Writes the live entries from start to end (at most count of them, 0 for all) as one array and returns how
     * many. With a group read, each entry moves the group's last delivered ID and, unless NOACK, becomes pending
     * for the consumer.
     */
    static long write(Reply r, StreamValue s, StreamId start, StreamId end, long count, boolean reverse, GroupRead read) {
        long n = 0;
        StreamCursor cursor = s.cursor(start, end, reverse);
        while ((count == 0 || n < count) && cursor.next()) {
            n++;
        }
        r.array(n);
        cursor = s.cursor(start, end, reverse);
        for (long i = 0; i < n && cursor.next(); i++) {
            if (read == null) {
                Streams.entry(r, cursor);
                continue;
            }
            StreamId id = cursor.id();
            s.delivering(read.group(), id);
            Streams.entry(r, cursor);
            if (!read.noAck()) {
                read.group().delivered(id, read.consumer(), read.now());
            }
        }
        return n;
    }

    /**
     * XREADGROUP with an explicit ID: the consumer's own pending entries from start on (at most count, 0 for all),
     * each delivered again; one whose entry is gone is reported with a null body and left as it is.
     */
    static long writeHistory(Reply r, StreamValue s, StreamId start, long count, StreamGroup.Consumer consumer, long now) {
        List<Map.Entry<StreamId, StreamGroup.Pending>> chosen = new ArrayList<>();
        for (Map.Entry<StreamId, StreamGroup.Pending> e : consumer.pending().tailMap(start, true).entrySet()) {
            if (count != 0 && chosen.size() >= count) {
                break;
            }
            chosen.add(e);
        }
        r.array(chosen.size());
        for (Map.Entry<StreamId, StreamGroup.Pending> e : chosen) {
            if (Streams.entry(r, s, e.getKey())) {
                e.getValue().deliveryTime(now);
                e.getValue().deliveryCount(e.getValue().deliveryCount() + 1);
            } else {
                r.array(2);
                Streams.id(r, e.getKey());
                r.nullArray();
            }
        }
        return chosen.size();
    }
}
