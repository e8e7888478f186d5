package dev.tidemark.kv.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A stream: entries ordered by ID in a tree of {@link StreamNode}s (Redis's radix tree of listpacks, with the same
 * node boundaries), plus what Redis keeps beside them — the last generated ID, the recorded first entry ID, the
 * largest deleted ID, the count of entries ever added — and the consumer groups. Everything a copy or a snapshot
 * has to carry is reachable from here.
 */
public final class StreamValue {
    /** Redis's cap on the bytes of one node, and on the field and value bytes of one entry. */
    public static final long MAX_NODE_BYTES = 1L << 30;

    /** Receives byte slices (fields and values) without copying them. */
    @FunctionalInterface
    public interface Slices {
        void slice(byte[] bytes, int offset, int length);
    }

    private final TreeMap<StreamId, StreamNode> nodes = new TreeMap<>();
    private long length;
    private StreamId lastId = StreamId.MIN;
    private StreamId firstId = StreamId.MIN;
    private StreamId maxDeletedId = StreamId.MIN;
    private long entriesAdded;
    private TreeMap<byte[], StreamGroup> groups;

    public long length() {
        return length;
    }

    public StreamId lastId() {
        return lastId;
    }

    /** The ID Redis records as the first entry's (recorded-first-entry-id): 0-0 when empty. */
    public StreamId firstId() {
        return firstId;
    }

    public StreamId maxDeletedId() {
        return maxDeletedId;
    }

    public long entriesAdded() {
        return entriesAdded;
    }

    /** XSETID: the last ID and, when given, the entries-added counter and the largest deleted ID. */
    public void setId(StreamId last, long added, StreamId maxDeleted) {
        lastId = last;
        if (added != -1) {
            entriesAdded = added;
        }
        if (!maxDeleted.isZero()) {
            maxDeletedId = maxDeleted;
        }
    }

    /** Number of nodes (XINFO STREAM's radix-tree-keys). */
    public int nodeCount() {
        return nodes.size();
    }

    /** What Redis reports as radix-tree-nodes for the same nodes. */
    public long radixTreeNodes() {
        return RadixTreeNodes.count(new ArrayList<>(nodes.keySet()));
    }

    public static long totalLength(byte[][] fieldsAndValues) {
        long total = 0;
        for (byte[] b : fieldsAndValues) {
            total += b.length;
        }
        return total;
    }

    /**
     * Appends an entry whose ID is greater than {@link #lastId()}; field, value, field, value... The tail node
     * takes it unless it holds nodeMaxEntries entries (tombstones included) or would reach nodeMaxBytes (0: no
     * limit of that kind), as Redis's stream-node-max-entries and stream-node-max-bytes decide.
     */
    public void append(StreamId id, byte[][] fieldsAndValues, long nodeMaxEntries, long nodeMaxBytes) {
        Map.Entry<StreamId, StreamNode> tail = nodes.lastEntry();
        StreamNode node = tail == null ? null : tail.getValue();
        if (node != null) {
            long maxBytes = nodeMaxBytes == 0 || nodeMaxBytes > MAX_NODE_BYTES ? MAX_NODE_BYTES : nodeMaxBytes;
            boolean full = node.listpackBytes() + totalLength(fieldsAndValues) >= maxBytes
                || (nodeMaxEntries != 0 && node.live + node.deleted >= nodeMaxEntries);
            if (full) {
                node.trimToSize();
                node = null;
            }
        }
        if (node == null) {
            node = new StreamNode(id.ms(), id.seq(), fieldsAndValues);
            nodes.put(id, node);
        }
        node.append(id.ms(), id.seq(), fieldsAndValues);
        length++;
        entriesAdded++;
        lastId = id;
        if (length == 1) {
            firstId = id;
        }
    }

    public StreamCursor cursor(StreamId start, StreamId end, boolean reverse) {
        return new StreamCursor(nodes, start, end, reverse);
    }

    /** Whether a live entry (not a tombstone) has this ID. */
    public boolean contains(StreamId id) {
        Map.Entry<StreamId, StreamNode> e = nodes.floorEntry(id);
        if (e == null) {
            return false;
        }
        int i = e.getValue().indexOf(id.ms(), id.seq());
        return i >= 0 && !e.getValue().isDeleted(i);
    }

    /** The first or last live entry's ID, null when the stream has none. */
    public StreamId edgeId(boolean first) {
        StreamCursor c = cursor(StreamId.MIN, StreamId.MAX, !first);
        return c.next() ? c.id() : null;
    }

    private boolean deleteOne(StreamId id) {
        Map.Entry<StreamId, StreamNode> e = nodes.floorEntry(id);
        if (e == null) {
            return false;
        }
        StreamNode node = e.getValue();
        int i = node.indexOf(id.ms(), id.seq());
        if (i < 0 || node.isDeleted(i)) {
            return false;
        }
        if (node.live == 1) {
            nodes.remove(e.getKey());
        } else {
            node.markDeleted(i);
        }
        length--;
        return true;
    }

    /** XDEL: deletes the entries that exist, keeps the largest deleted ID and the first ID; returns the count. */
    public int delete(List<StreamId> ids) {
        int deleted = 0;
        boolean firstEntry = false;
        for (StreamId id : ids) {
            if (deleteOne(id)) {
                if (id.equals(firstId)) {
                    firstEntry = true;
                }
                if (id.compareTo(maxDeletedId) > 0) {
                    maxDeletedId = id;
                }
                deleted++;
            }
        }
        if (deleted > 0) {
            if (length == 0) {
                firstId = StreamId.MIN;
            } else if (firstEntry) {
                firstId = edgeId(true);
            }
        }
        return deleted;
    }

    /**
     * Trims from the oldest entries as Redis's streamTrim does: whole nodes while they may go, then (unless
     * approximate) entries of the next node are marked deleted. beforeChange runs once, before the first change.
     * Returns the number of entries removed.
     */
    public long trim(StreamTrim t, Runnable beforeChange) {
        long deleted = 0;
        boolean announced = false;
        Map.Entry<StreamId, StreamNode> e = nodes.firstEntry();
        while (e != null) {
            if (!t.byMinId() && length <= t.maxLen()) {
                break;
            }
            StreamNode node = e.getValue();
            long entries = node.live;
            if (t.limit() != 0 && deleted + entries > t.limit()) {
                break;
            }
            boolean removeNode = t.byMinId()
                ? StreamId.compare(node.ms(node.size - 1), node.seq(node.size - 1), t.minId().ms(), t.minId().seq()) < 0
                : length - entries >= t.maxLen();
            if (removeNode) {
                if (!announced) {
                    beforeChange.run();
                    announced = true;
                }
                nodes.remove(e.getKey());
                length -= entries;
                deleted += entries;
                e = nodes.higherEntry(e.getKey());
                continue;
            }
            if (t.approximate()) {
                break;
            }
            for (int i = 0; i < node.size; i++) {
                boolean stop = t.byMinId()
                    ? StreamId.compare(node.ms(i), node.seq(i), t.minId().ms(), t.minId().seq()) >= 0
                    : length <= t.maxLen();
                if (stop) {
                    break;
                }
                if (!node.isDeleted(i)) {
                    if (!announced) {
                        beforeChange.run();
                        announced = true;
                    }
                    node.markDeleted(i);
                    length--;
                    deleted++;
                }
            }
            break;
        }
        if (length == 0) {
            firstId = StreamId.MIN;
        } else if (deleted > 0) {
            firstId = edgeId(true);
        }
        return deleted;
    }

    /** Whether a deleted entry may lie between start and end (null: the end of the stream), as Redis judges it. */
    public boolean rangeHasTombstones(StreamId start, StreamId end) {
        if (length == 0 || maxDeletedId.isZero() || firstId.compareTo(maxDeletedId) > 0) {
            return false;
        }
        StreamId to = end == null ? StreamId.MAX : end;
        return start.compareTo(maxDeletedId) <= 0 && maxDeletedId.compareTo(to) <= 0;
    }

    /**
     * The number of entries added up to id (its logical read counter), or {@link StreamGroup#ENTRIES_READ_UNKNOWN}
     * when tombstones or the position of id make it unknowable, as Redis's
     * streamEstimateDistanceFromFirstEverEntry.
     */
    public long entriesUpTo(StreamId id) {
        if (entriesAdded == 0) {
            return 0;
        }
        if (length == 0 && id.compareTo(lastId) < 1) {
            return entriesAdded;
        }
        int toLast = id.compareTo(lastId);
        if (toLast == 0) {
            return entriesAdded;
        }
        if (toLast > 0) {
            return StreamGroup.ENTRIES_READ_UNKNOWN;
        }
        if (maxDeletedId.isZero() || maxDeletedId.compareTo(firstId) < 0) {
            int toFirst = id.compareTo(firstId);
            if (toFirst < 0) {
                return entriesAdded - length;
            }
            if (toFirst == 0) {
                return entriesAdded - length + 1;
            }
        }
        return StreamGroup.ENTRIES_READ_UNKNOWN;
    }

    /** The group's lag (entries not yet delivered to it), or null when it cannot be known. */
    public Long lag(StreamGroup g) {
        if (entriesAdded == 0) {
            return 0L;
        }
        if (g.entriesRead() != StreamGroup.ENTRIES_READ_UNKNOWN && !rangeHasTombstones(g.lastId(), null)) {
            return entriesAdded - g.entriesRead();
        }
        long read = entriesUpTo(g.lastId());
        return read == StreamGroup.ENTRIES_READ_UNKNOWN ? null : entriesAdded - read;
    }

    /** A group delivering id moves its last delivered ID and entries-read counter forward, as Redis does. */
    public void delivering(StreamGroup g, StreamId id) {
        if (id.compareTo(g.lastId()) <= 0) {
            return;
        }
        if (g.entriesRead() != StreamGroup.ENTRIES_READ_UNKNOWN && !rangeHasTombstones(id, null)) {
            g.entriesRead(g.entriesRead() + 1);
        } else if (entriesAdded != 0) {
            g.entriesRead(entriesUpTo(id));
        }
        g.lastId(id);
    }

    public StreamGroup group(byte[] name) {
        return groups == null ? null : groups.get(name);
    }

    /** A new group, or null when one of that name exists. */
    public StreamGroup createGroup(byte[] name, StreamId last, long entriesRead) {
        if (groups == null) {
            groups = new TreeMap<>(Arrays::compareUnsigned);
        }
        if (groups.containsKey(name)) {
            return null;
        }
        StreamGroup g = new StreamGroup(name, last, entriesRead);
        groups.put(name, g);
        return g;
    }

    public boolean destroyGroup(byte[] name) {
        return groups != null && groups.remove(name) != null;
    }

    /** The groups in name order. */
    public Collection<StreamGroup> groups() {
        return groups == null ? List.of() : groups.values();
    }

    public int groupCount() {
        return groups == null ? 0 : groups.size();
    }

    /** An independent copy with the same nodes, counters, groups, consumers and pending entries (COPY). */
    public StreamValue copy() {
        StreamValue c = new StreamValue();
        nodes.forEach((id, node) -> c.nodes.put(id, node.copy()));
        c.length = length;
        c.lastId = lastId;
        c.firstId = firstId;
        c.maxDeletedId = maxDeletedId;
        c.entriesAdded = entriesAdded;
        if (groups != null) {
            c.groups = new TreeMap<>(Arrays::compareUnsigned);
            groups.forEach((name, g) -> c.groups.put(name, g.copy()));
        }
        return c;
    }
}
