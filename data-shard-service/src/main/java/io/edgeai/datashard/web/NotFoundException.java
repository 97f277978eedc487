package io.edgeai.datashard.web;

/** Something the client named does not exist in the shards this instance owns. */
public class NotFoundException extends RuntimeException {

    private final String field;

    public NotFoundException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
