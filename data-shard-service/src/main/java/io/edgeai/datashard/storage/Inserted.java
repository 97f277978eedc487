package io.edgeai.datashard.storage;

/** Rows one insert stored, and records it skipped because they were stored before (or twice in the same part). */
record Inserted(int stored, int skipped) {

    static final Inserted NOTHING = new Inserted(0, 0);
}
