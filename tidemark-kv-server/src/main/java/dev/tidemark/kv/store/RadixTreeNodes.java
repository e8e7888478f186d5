package dev.tidemark.kv.store;

import java.util.List;

/**
 * The node count of the radix tree Redis would hold for a stream's node keys (XINFO STREAM's radix-tree-nodes).
 * Redis's rax keeps the canonical compressed form, so the count follows from the sorted 16-byte keys alone: one
 * node per branching point, per compressed run of bytes between them, and per key.
 */
final class RadixTreeNodes {
    private static final int KEY_LENGTH = 16;

    private RadixTreeNodes() {
    }

    static long count(List<StreamId> sortedKeys) {
        return sortedKeys.isEmpty() ? 1 : count(sortedKeys, 0, sortedKeys.size(), 0);
    }

    private static int byteAt(StreamId id, int depth) {
        long word = depth < 8 ? id.ms() : id.seq();
        return (int) (word >>> (56 - 8 * (depth & 7))) & 0xff;
    }

    /** Nodes below a point at depth shared by keys [from, to). */
    private static long count(List<StreamId> keys, int from, int to, int depth) {
        if (to - from == 1) {
            return depth < KEY_LENGTH ? 2 : 1;
        }
        StreamId first = keys.get(from);
        StreamId last = keys.get(to - 1);
        int branch = depth;
        while (byteAt(first, branch) == byteAt(last, branch)) {
            branch++;
        }
        long total = (branch > depth ? 1 : 0) + 1;
        int i = from;
        while (i < to) {
            int b = byteAt(keys.get(i), branch);
            int j = i + 1;
            while (j < to && byteAt(keys.get(j), branch) == b) {
                j++;
            }
            total += count(keys, i, j, branch + 1);
            i = j;
        }
        return total;
    }
}
