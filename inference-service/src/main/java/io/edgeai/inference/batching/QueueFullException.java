package io.edgeai.inference.batching;

/** The model version's queue holds max_queue_size requests already: the caller should back off (503). */
public class QueueFullException extends RuntimeException {

    public QueueFullException(String message) {
        super(message, null, false, false);
    }
}
