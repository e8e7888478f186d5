package dev.tidemark.kv.command;

/** Counters INFO stats reports. */
public final class ServerStats {
    public long commands;
    public long connectionsReceived;
    public long rejectedConnections;
    public long keyspaceHits;
    public long keyspaceMisses;
    public long lastSave = System.currentTimeMillis() / 1000;
    private long lastSampleCommands;
    private long lastSampleAt = System.nanoTime();
    private long opsPerSecond;

    void sample() {
        long now = System.nanoTime();
        long elapsed = now - lastSampleAt;
        if (elapsed >= 1_000_000_000L) {
            opsPerSecond = (commands - lastSampleCommands) * 1_000_000_000L / elapsed;
            lastSampleCommands = commands;
            lastSampleAt = now;
        }
    }

    public long opsPerSecond() {
        return opsPerSecond;
    }

    public void reset() {
        commands = 0;
        connectionsReceived = 0;
        rejectedConnections = 0;
        keyspaceHits = 0;
        keyspaceMisses = 0;
    }
}
