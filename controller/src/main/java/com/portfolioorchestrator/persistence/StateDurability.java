package com.portfolioorchestrator.persistence;

/**
 * How far a synchronous {@link StateStore} commit survives. SQLite's {@code synchronous} setting is per connection,
 * so this applies to the state store's writer only; the decision log always uses {@code NORMAL}.
 */
public enum StateDurability {
    /**
     * {@code synchronous=NORMAL} in WAL mode: a commit is written to the WAL (a {@code write()} into the OS) before it
     * returns, so it survives the process being killed ({@code kill -9}, OOM, JVM crash); the WAL is fsynced only at
     * checkpoints, so the last commits can be lost on power loss or an OS crash, without corruption. About 34k
     * commits/s on the reference VM (java-stack.md section 6): cheap enough for the decision path. The default.
     */
    PROCESS_CRASH("NORMAL"),
    /**
     * {@code synchronous=FULL}: every commit fsyncs the WAL, so it also survives power loss. About 10k commits/s on
     * the reference VM, but 0.5-2 ms per commit on real SSDs or cloud volumes, which is on the decision path for
     * reservations.
     */
    POWER_LOSS("FULL");

    private final String pragmaValue;

    StateDurability(String pragmaValue) {
        this.pragmaValue = pragmaValue;
    }

    String pragmaValue() {
        return pragmaValue;
    }
}
