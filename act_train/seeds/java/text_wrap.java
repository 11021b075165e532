import java.util.*;

class TextWrap {
    // greedy wrap at spaces; a word longer than the width gets a line of its own
    static List<String> wrap(String text, int width) {
        if (width < 1) throw new IllegalArgumentException("width must be positive");
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.trim().split("\\s+")) {
            if (word.isEmpty()) continue;
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) line.append(' ');
            line.append(word);
        }
        if (line.length() > 0) lines.add(line.toString());
        return lines;
    }
}
// ---- tests ----
public class Main {
    static void check(boolean ok, String what) { if (!ok) throw new AssertionError(what); }
    public static void main(String[] args) {
        check(TextWrap.wrap("the quick brown fox jumps", 10).equals(
            java.util.List.of("the quick", "brown fox", "jumps")), "wrap");
        check(TextWrap.wrap("a bb ccc", 4).equals(java.util.List.of("a bb", "ccc")), "exact fit");
        check(TextWrap.wrap("extraordinary word", 5).equals(java.util.List.of("extraordinary", "word")), "long word");
        check(TextWrap.wrap("   ", 3).isEmpty() && TextWrap.wrap("", 3).isEmpty(), "blank");
        check(TextWrap.wrap("one  two", 20).equals(java.util.List.of("one two")), "spaces collapse");
        boolean threw = false;
        try { TextWrap.wrap("x", 0); } catch (IllegalArgumentException e) { threw = true; }
        check(threw, "bad width");
    }
}
