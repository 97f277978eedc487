package io.edgeai.datashard.storage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The k best notes seen so far by cosine similarity, over one or many shards: a min-heap of size k, so a scan of n
 * stored embeddings costs n comparisons and O(n log k) heap work, and memory stays at k entries.
 */
public final class NearestNotes {

    /** One candidate: its score, its id and the shard holding it. */
    public record Hit(double score, String noteId, int shard) {
    }

    private static final Comparator<Hit> WORST_FIRST = Comparator.comparingDouble(Hit::score)
            .thenComparing(Hit::noteId, Comparator.reverseOrder());

    private final int k;
    private final PriorityQueue<Hit> heap;
    private long scanned;

    public NearestNotes(int k) {
        this.k = k;
        this.heap = new PriorityQueue<>(k + 1, WORST_FIRST);
    }

    void offer(double score, String noteId, int shard) {
        scanned++;
        if (Double.isNaN(score)) {
            return;
        }
        Hit hit = new Hit(score, noteId, shard);
        if (heap.size() < k) {
            heap.add(hit);
        } else if (WORST_FIRST.compare(hit, heap.peek()) > 0) {
            heap.poll();
            heap.add(hit);
        }
    }

    /** How many stored embeddings were compared. */
    public long scanned() {
        return scanned;
    }

    /** The best hits, best first (ties by note id, so answers are stable). */
    public List<Hit> best() {
        List<Hit> best = new ArrayList<>(heap);
        best.sort(WORST_FIRST.reversed());
        return best;
    }
}
