package io.edgeai.inference.texttrain;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV records (RFC 4180) from a stream: quoted cells may hold commas, doubled quotes and line breaks, which
 * operators' notes do. Cells outside quotes are trimmed.
 */
final class CsvRecords {

    private final Reader in;
    private int line = 1;
    private int start = 1;
    private int pushedBack = -2;

    CsvRecords(Reader in) {
        this.in = in;
    }

    /** The line the record last returned started on (1 = the header), as a spreadsheet counts. */
    int line() {
        return start;
    }

    /** The next record, or null at the end; blank lines are skipped. */
    List<String> next() throws IOException {
        while (true) {
            int c = read();
            if (c == -1) {
                return null;
            }
            if (c == '\n') {
                line++;
                continue;
            }
            if (c == '\r') {
                continue;
            }
            unread(c);
            start = line;
            return record();
        }
    }

    private List<String> record() throws IOException {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        while (true) {
            int c = read();
            if (c == -1) {
                cells.add(finish(cell, wasQuoted));
                return cells;
            }
            if (quoted) {
                if (c == '"') {
                    int d = read();
                    if (d == '"') {
                        cell.append('"');
                    } else {
                        quoted = false;
                        unread(d);
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    cell.append((char) c);
                }
            } else if (c == '"') {
                quoted = true;
                wasQuoted = true;
                cell.setLength(0); // text before an opening quote is whitespace at most
            } else if (c == ',') {
                cells.add(finish(cell, wasQuoted));
                cell.setLength(0);
                wasQuoted = false;
            } else if (c == '\n') {
                line++;
                cells.add(finish(cell, wasQuoted));
                return cells;
            } else if (c != '\r') {
                if (!wasQuoted) {
                    cell.append((char) c);
                }
            }
        }
    }

    private static String finish(StringBuilder cell, boolean quoted) {
        return quoted ? cell.toString() : cell.toString().trim();
    }

    private int read() throws IOException {
        if (pushedBack != -2) {
            int c = pushedBack;
            pushedBack = -2;
            return c;
        }
        return in.read();
    }

    private void unread(int c) {
        pushedBack = c;
    }
}
