package dev.tidemark.kv.command;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * All command specs by name. Dispatch looks a command name up straight from the argument bytes, ignoring
 * case, through an open-addressed table, so no String is made per command.
 */
public final class CommandTable {
    private final Map<String, CommandSpec> byName = new LinkedHashMap<>();
    private CommandSpec[] slots = new CommandSpec[0];
    private byte[][] slotNames = new byte[0][];

    public void add(CommandSpec spec) {
        if (byName.putIfAbsent(spec.name(), spec) != null) {
            throw new IllegalStateException("command registered twice: " + spec.name());
        }
        rebuild();
    }

    public void addAll(Collection<CommandSpec> specs) {
        for (CommandSpec s : specs) {
            add(s);
        }
    }

    public Collection<CommandSpec> all() {
        return byName.values();
    }

    public CommandSpec get(String name) {
        return byName.get(name.toLowerCase(Locale.ROOT));
    }

    private void rebuild() {
        int size = Integer.highestOneBit(Math.max(byName.size(), 1) * 4) << 1;
        slots = new CommandSpec[size];
        slotNames = new byte[size][];
        for (CommandSpec s : byName.values()) {
            byte[] n = s.name().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            int i = hashLower(n, 0, n.length) & (size - 1);
            while (slots[i] != null) {
                i = (i + 1) & (size - 1);
            }
            slots[i] = s;
            slotNames[i] = n;
        }
    }

    private static int lower(int b) {
        return b >= 'A' && b <= 'Z' ? b + 32 : b;
    }

    private static int hashLower(byte[] b, int off, int len) {
        int h = 0;
        for (int i = 0; i < len; i++) {
            h = h * 31 + lower(b[off + i]);
        }
        return h ^ (h >>> 16);
    }

    public CommandSpec lookup(byte[] b, int off, int len) {
        int mask = slots.length - 1;
        int i = hashLower(b, off, len) & mask;
        while (slots[i] != null) {
            byte[] n = slotNames[i];
            if (n.length == len && equalsLower(n, b, off)) {
                return slots[i];
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    private static boolean equalsLower(byte[] lowerName, byte[] b, int off) {
        for (int k = 0; k < lowerName.length; k++) {
            if (lowerName[k] != lower(b[off + k])) {
                return false;
            }
        }
        return true;
    }

    /** Number of commands as COMMAND COUNT reports it (containers count once). */
    public int count() {
        return byName.size();
    }

    public List<String> names() {
        return new ArrayList<>(byName.keySet());
    }
}
