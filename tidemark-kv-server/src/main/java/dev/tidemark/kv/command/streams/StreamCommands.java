package dev.tidemark.kv.command.streams;

import static dev.tidemark.kv.command.CommandSpec.of;

import dev.tidemark.kv.command.Client;
import dev.tidemark.kv.command.CommandError;
import dev.tidemark.kv.command.CommandSpec;
import dev.tidemark.kv.command.Values;
import dev.tidemark.kv.protocol.Args;
import dev.tidemark.kv.store.Database;
import dev.tidemark.kv.store.Entry;
import dev.tidemark.kv.store.EncodingLimits;
import dev.tidemark.kv.store.StreamId;
import dev.tidemark.kv.store.StreamTrim;
import dev.tidemark.kv.store.StreamValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams: XADD XLEN XRANGE XREVRANGE XDEL XTRIM XSETID here; reads in {@link StreamReads}, consumer groups in
 * {@link StreamGroups} and {@link StreamClaims}, XINFO in {@link StreamInfo}. Replies and errors are Redis 7.0's.
 */
public final class StreamCommands {
    static final String S = "stream";

    private StreamCommands() {
    }

    public static List<CommandSpec> specs() {
        List<CommandSpec> specs = new ArrayList<>(List.of(
            of("xadd", -5, "write denyoom fast", 1, 1, 1, "@write @stream @fast", S, "Appends a new entry to a stream", StreamCommands::xadd),
            of("xlen", 2, "readonly fast", 1, 1, 1, "@read @stream @fast", S, "Return the number of entries in a stream", StreamCommands::xlen),
            of("xrange", -4, "readonly", 1, 1, 1, "@read @stream @slow", S, "Return a range of elements in a stream, with IDs matching the specified IDs interval", (c, a) -> range(c, a, false)),
            of("xrevrange", -4, "readonly", 1, 1, 1, "@read @stream @slow", S, "Return a range of elements in a stream, with IDs matching the specified IDs interval, in reverse order (from greater to smaller IDs) compared to XRANGE", (c, a) -> range(c, a, true)),
            of("xdel", -3, "write fast", 1, 1, 1, "@write @stream @fast", S, "Removes the specified entries from the stream. Returns the number of items actually deleted, that may be different from the number of IDs passed in case certain IDs do not exist.", StreamCommands::xdel),
            of("xtrim", -4, "write", 1, 1, 1, "@write @stream @slow", S, "Trims the stream to (approximately if '~' is passed) a certain size", StreamCommands::xtrim),
            of("xsetid", -3, "write denyoom fast", 1, 1, 1, "@write @stream @fast", S, "An internal command for replicating stream values", StreamCommands::xsetid)));
        specs.addAll(StreamReads.specs());
        specs.addAll(StreamGroups.specs());
        specs.addAll(StreamClaims.specs());
        specs.add(StreamInfo.spec());
        return specs;
    }

    /** What XADD and XTRIM options say: the trimming (null for none), where XADD's ID is, NOMKSTREAM. */
    private record AddOptions(StreamTrim trim, int idIndex, StreamIds.AddId id, boolean noMkStream) {
    }

    private static AddOptions parseOptions(Client c, Args a, boolean xadd) {
        Boolean byMinId = null;
        boolean approximate = false;
        long maxLen = 0;
        StreamId minId = StreamId.MIN;
        long limit = 0;
        boolean limitGiven = false;
        boolean noMkStream = false;
        StreamIds.AddId id = null;
        int i = 2;
        for (; i < a.count(); i++) {
            int more = a.count() - 1 - i;
            boolean maxlen = a.is(i, "maxlen");
            if (xadd && Streams.isChar(a, i, '*')) {
                break;
            } else if ((maxlen || a.is(i, "minid")) && more > 0) {
                if (byMinId != null) {
                    throw new CommandError("ERR syntax error, MAXLEN and MINID options at the same time are not compatible");
                }
                approximate = false;
                if (more >= 2 && Streams.isChar(a, i + 1, '~')) {
                    approximate = true;
                    i++;
                } else if (more >= 2 && Streams.isChar(a, i + 1, '=')) {
                    i++;
                }
                if (maxlen) {
                    maxLen = Values.longArg(a, i + 1);
                    if (maxLen < 0) {
                        throw new CommandError("ERR The MAXLEN argument must be >= 0.");
                    }
                } else {
                    minId = StreamIds.strict(a, i + 1);
                }
                i++;
                byMinId = !maxlen;
            } else if (a.is(i, "limit") && more > 0) {
                limit = Values.longArg(a, i + 1);
                if (limit < 0) {
                    throw new CommandError("ERR The LIMIT argument must be >= 0.");
                }
                limitGiven = true;
                i++;
            } else if (xadd && a.is(i, "nomkstream")) {
                noMkStream = true;
            } else if (xadd) {
                id = StreamIds.forAdd(a, i);
                break;
            } else {
                throw CommandError.SYNTAX;
            }
        }
        if (limit != 0 && byMinId == null) {
            throw new CommandError("ERR syntax error, LIMIT cannot be used without specifying a trimming strategy");
        }
        if (!xadd && byMinId == null) {
            throw new CommandError("ERR syntax error, XTRIM must be called with a trimming strategy");
        }
        if (limitGiven) {
            if (!approximate) {
                throw new CommandError("ERR syntax error, LIMIT cannot be used without the special ~ option");
            }
        } else if (approximate) {
            // at most 100 nodes' worth of work per command, as Redis
            limit = 100 * c.engine().keyspace().limits.streamNodeMaxEntries;
            if (limit <= 0) {
                limit = 10000;
            }
            if (limit > 1000000) {
                limit = 1000000;
            }
        }
        StreamTrim trim = byMinId == null ? null : new StreamTrim(byMinId, maxLen, minId, approximate, limit);
        return new AddOptions(trim, i, id, noMkStream);
    }

    private static void xadd(Client c, Args a) {
        AddOptions o = parseOptions(c, a, true);
        int fieldPos = o.idIndex() + 1;
        int pairs = a.count() - fieldPos;
        if (pairs < 2 || pairs % 2 == 1) {
            throw CommandError.wrongArgs("xadd");
        }
        if (o.id() != null && o.id().seqGiven() && o.id().id().isZero()) {
            throw new CommandError("ERR The ID specified in XADD must be greater than 0-0");
        }
        Database db = c.db();
        Entry e = Streams.forWrite(c, a, 1);
        StreamValue s;
        if (e == null) {
            if (o.noMkStream()) {
                c.out().nullBulk();
                return;
            }
            s = new StreamValue();
            e = db.add(a.bytes(1), s);
        } else {
            s = (StreamValue) e.value();
            if (s.lastId().isMax()) {
                throw new CommandError("ERR The stream has exhausted the last possible ID, unable to add more items");
            }
        }
        StreamId id = nextId(c, s, o.id());
        byte[][] fieldsAndValues = new byte[pairs][];
        for (int k = 0; k < pairs; k++) {
            fieldsAndValues[k] = a.bytes(fieldPos + k);
        }
        if (StreamValue.totalLength(fieldsAndValues) > StreamValue.MAX_NODE_BYTES) {
            throw new CommandError("ERR Elements are too large to be stored");
        }
        db.mutating(e);
        EncodingLimits limits = c.engine().keyspace().limits;
        s.append(id, fieldsAndValues, limits.streamNodeMaxEntries, limits.streamNodeMaxBytes);
        Streams.id(c.out(), id);
        if (o.trim() != null) {
            s.trim(o.trim(), () -> { });
        }
        c.engine().blocking().keyTouched(db, e.key);
    }

    /** The ID of a new entry: given, given with a generated sequence, or from the clock; always above the last. */
    private static StreamId nextId(Client c, StreamValue s, StreamIds.AddId given) {
        StreamId last = s.lastId();
        StreamId id;
        if (given == null) {
            long now = c.engine().keyspace().now();
            id = Long.compareUnsigned(now, last.ms()) > 0 ? new StreamId(now, 0) : last.next();
        } else if (given.seqGiven()) {
            id = given.id();
        } else if (given.id().ms() == last.ms()) {
            if (last.seq() == -1L) {
                // Redis 7.0 reports this overflow through a stale errno, which reads as this error
                throw new CommandError("ERR Elements are too large to be stored");
            }
            id = new StreamId(last.ms(), last.seq() + 1);
        } else {
            id = given.id();
        }
        if (id.compareTo(last) <= 0) {
            throw new CommandError("ERR The ID specified in XADD is equal or smaller than the target stream top item");
        }
        return id;
    }

    private static void xlen(Client c, Args a) {
        StreamValue s = Streams.read(c, a, 1);
        c.out().integer(s == null ? 0 : s.length());
    }

    private static void range(Client c, Args a, boolean reverse) {
        StreamId start = StreamIds.rangeStart(a, reverse ? 3 : 2);
        StreamId end = StreamIds.rangeEnd(a, reverse ? 2 : 3);
        long count = -1;
        for (int j = 4; j < a.count(); j++) {
            if (a.is(j, "count") && j + 1 < a.count()) {
                count = Math.max(0, Values.longArg(a, ++j));
            } else {
                throw CommandError.SYNTAX;
            }
        }
        StreamValue s = Streams.read(c, a, 1);
        if (s == null) {
            c.out().array(0);
        } else if (count == 0) {
            c.out().nullArray();
        } else {
            StreamRanges.write(c.out(), s, start, end, Math.max(count, 0), reverse, null);
        }
    }

    private static void xdel(Client c, Args a) {
        Entry e = Streams.forWrite(c, a, 1);
        if (e == null) {
            c.out().integer(0);
            return;
        }
        StreamValue s = (StreamValue) e.value();
        List<StreamId> ids = new ArrayList<>();
        boolean any = false;
        for (int i = 2; i < a.count(); i++) {
            StreamId id = StreamIds.strict(a, i);
            ids.add(id);
            any |= s.contains(id);
        }
        if (any) {
            c.db().mutating(e);
        }
        c.out().integer(s.delete(ids));
    }

    private static void xtrim(Client c, Args a) {
        AddOptions o = parseOptions(c, a, false);
        Entry e = Streams.forWrite(c, a, 1);
        if (e == null) {
            c.out().integer(0);
            return;
        }
        Database db = c.db();
        c.out().integer(((StreamValue) e.value()).trim(o.trim(), () -> db.mutating(e)));
    }

    private static void xsetid(Client c, Args a) {
        StreamId id = StreamIds.strict(a, 2);
        long added = -1;
        StreamId maxDeleted = StreamId.MIN;
        for (int i = 3; i < a.count(); i += 2) {
            boolean more = i + 1 < a.count();
            if (a.is(i, "entriesadded") && more) {
                added = Values.longArg(a, i + 1);
                if (added < 0) {
                    throw new CommandError("ERR entries_added must be positive");
                }
            } else if (a.is(i, "maxdeletedid") && more) {
                maxDeleted = StreamIds.strict(a, i + 1);
                if (id.compareTo(maxDeleted) < 0) {
                    throw new CommandError("ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id");
                }
            } else {
                throw CommandError.SYNTAX;
            }
        }
        Entry e = Streams.forWrite(c, a, 1);
        if (e == null) {
            throw CommandError.NO_SUCH_KEY;
        }
        StreamValue s = (StreamValue) e.value();
        if (s.length() > 0) {
            if (id.compareTo(s.edgeId(false)) < 0) {
                throw new CommandError("ERR The ID specified in XSETID is smaller than the target stream top item");
            }
            if (added != -1 && s.length() > added) {
                throw new CommandError("ERR The entries_added specified in XSETID is smaller than the target stream length");
            }
        }
        c.db().mutatingUnwatched(e);
        s.setId(id, added, maxDeleted);
        c.out().ok();
    }
}
