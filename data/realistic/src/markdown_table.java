import java.util.ArrayList;
import java.util.List;

/** Builds a Markdown table: a header, rows padded to the header's width, columns aligned by their widest cell. */
class MarkdownTable {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    MarkdownTable(List<String> header) {
        if (header.isEmpty()) throw new IllegalArgumentException("a table needs at least one column");
        this.header = new ArrayList<>(header);
    }

    int addRow(List<String> cells) {
        if (cells.size() > header.size()) throw new IllegalArgumentException("too many cells: " + cells.size());
        List<String> row = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            row.add(i < cells.size() ? escape(cells.get(i)) : "");
        }
        rows.add(row);
        return rows.size();
    }

    int width(int column) {
        if (column < 0 || column >= header.size()) throw new IndexOutOfBoundsException("column " + column);
        int w = Math.max(3, escape(header.get(column)).length());
        for (List<String> row : rows) w = Math.max(w, row.get(column).length());
        return w;
    }

    String render() {
        List<String> cells = new ArrayList<>();
        for (String h : header) cells.add(escape(h));
        List<String> rule = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) rule.add("-".repeat(width(i)));
        StringBuilder sb = new StringBuilder(line(cells)).append(line(rule));
        for (List<String> row : rows) sb.append(line(row));
        return sb.toString();
    }

    int rowCount() {
        return rows.size();
    }

    private String line(List<String> cells) {
        StringBuilder sb = new StringBuilder("|");
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            sb.append(' ').append(cell).append(" ".repeat(width(i) - cell.length())).append(" |");
        }
        return sb.append('\n').toString();
    }

    private static String escape(String cell) {
        return cell.trim().replace("|", "\\|").replace("\n", " ");
    }
}
