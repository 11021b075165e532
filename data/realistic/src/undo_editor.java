import java.util.ArrayDeque;
import java.util.Deque;

/** A one-line text buffer with a cursor and an undo history of whole states. */
class UndoEditor {
    private String text = "";
    private int cursor;
    private final Deque<String> undoTexts = new ArrayDeque<>();
    private final Deque<Integer> undoCursors = new ArrayDeque<>();

    private void remember() {
        undoTexts.push(text);
        undoCursors.push(cursor);
    }

    void type(String s) {
        if (s.isEmpty()) return;
        remember();
        text = text.substring(0, cursor) + s + text.substring(cursor);
        cursor += s.length();
    }

    int backspace(int n) {
        int removed = Math.min(Math.max(n, 0), cursor);
        if (removed == 0) return 0;
        remember();
        text = text.substring(0, cursor - removed) + text.substring(cursor);
        cursor -= removed;
        return removed;
    }

    void moveTo(int position) {
        if (position < 0 || position > text.length()) throw new IndexOutOfBoundsException("position " + position);
        cursor = position;
    }

    boolean undo() {
        if (undoTexts.isEmpty()) return false;
        text = undoTexts.pop();
        cursor = undoCursors.pop();
        return true;
    }

    String text() {
        return text;
    }

    int cursor() {
        return cursor;
    }

    int history() {
        return undoTexts.size();
    }

    String render() {
        return text.substring(0, cursor) + "|" + text.substring(cursor);
    }
}
