package dev.tidemark.kv.store;

import java.util.Map;
import java.util.TreeMap;

/**
 * Walks the live entries of a stream between two IDs (both included), forwards or backwards, skipping
 * tombstones. Positioning is O(log n): the node holding the start is found in the tree, the entry in the node by
 * binary search. Valid while the stream's entries do not change.
 */
public final class StreamCursor {
    private final TreeMap<StreamId, StreamNode> nodes;
    private final StreamId start;
    private final StreamId end;
    private final boolean reverse;
    private StreamId nodeKey;
    private StreamNode node;
    private int index;
    private boolean started;

    StreamCursor(TreeMap<StreamId, StreamNode> nodes, StreamId start, StreamId end, boolean reverse) {
        this.nodes = nodes;
        this.start = start;
        this.end = end;
        this.reverse = reverse;
    }

    private void position() {
        Map.Entry<StreamId, StreamNode> e;
        if (!reverse) {
            e = nodes.floorEntry(start);
            if (e == null) {
                e = nodes.firstEntry();
            }
            if (e != null) {
                node = e.getValue();
                nodeKey = e.getKey();
                index = node.lowerBound(start.ms(), start.seq());
            }
        } else {
            e = nodes.floorEntry(end);
            if (e != null) {
                node = e.getValue();
                nodeKey = e.getKey();
                index = node.lowerBound(end.ms(), end.seq());
                if (index == node.size || node.ms(index) != end.ms() || node.seq(index) != end.seq()) {
                    index--;
                }
            }
        }
    }

    /** Moves to the next live entry in range; false when there is none. */
    public boolean next() {
        if (!started) {
            started = true;
            position();
        } else if (node != null) {
            index += reverse ? -1 : 1;
        }
        while (node != null) {
            while (index >= 0 && index < node.size) {
                int c = reverse ? StreamId.compare(node.ms(index), node.seq(index), start.ms(), start.seq())
                    : StreamId.compare(node.ms(index), node.seq(index), end.ms(), end.seq());
                if (reverse ? c < 0 : c > 0) {
                    node = null;
                    return false;
                }
                if (!node.isDeleted(index)) {
                    return true;
                }
                index += reverse ? -1 : 1;
            }
            Map.Entry<StreamId, StreamNode> e = reverse ? nodes.lowerEntry(nodeKey) : nodes.higherEntry(nodeKey);
            if (e == null) {
                node = null;
            } else {
                node = e.getValue();
                nodeKey = e.getKey();
                index = reverse ? node.size - 1 : 0;
            }
        }
        return false;
    }

    public long ms() {
        return node.ms(index);
    }

    public long seq() {
        return node.seq(index);
    }

    public StreamId id() {
        return new StreamId(ms(), seq());
    }

    public int fieldCount() {
        return node.fieldCount(index);
    }

    /** Hands over field, value, field, value... of the current entry. */
    public void fields(StreamValue.Slices out) {
        node.fields(index, out);
    }
}
