import java.util.ArrayList;
import java.util.List;

class CsvFormatException extends Exception {
    CsvFormatException(String message) { super(message); }
}

/** One CSV dialect: a delimiter, double-quoted fields with "" for a quote; counts what it has parsed. */
class CsvLine {
    private final char delimiter;
    private int parsedLines;
    private int parsedFields;

    CsvLine(char delimiter) {
        if (delimiter == '"' || delimiter == '\n') throw new IllegalArgumentException("bad delimiter");
        this.delimiter = delimiter;
    }

    List<String> parse(String line) throws CsvFormatException {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.length() == 0 && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else if (c == delimiter) {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (wasQuoted) {
                throw new CsvFormatException("text after a closing quote at " + i);
            } else {
                field.append(c);
            }
        }
        if (quoted) throw new CsvFormatException("unclosed quote");
        fields.add(field.toString());
        parsedLines++;
        parsedFields += fields.size();
        return fields;
    }

    String format(List<String> fields) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) sb.append(delimiter);
            String f = fields.get(i);
            boolean needsQuotes = f.indexOf(delimiter) >= 0 || f.contains("\"") || f.contains("\n")
                    || (!f.isEmpty() && (f.charAt(0) == ' ' || f.charAt(f.length() - 1) == ' '));
            sb.append(needsQuotes ? "\"" + f.replace("\"", "\"\"") + "\"" : f);
        }
        return sb.toString();
    }

    int parsedLines() {
        return parsedLines;
    }

    int parsedFields() {
        return parsedFields;
    }
}
