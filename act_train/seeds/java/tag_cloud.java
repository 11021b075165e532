import java.util.*;

class TagCloud {
    private final Map<String, Integer> counts = new HashMap<>();

    // tags are trimmed and lower-cased; blank tags are ignored
    void addAll(List<String> tags) {
        for (String t : tags) {
            String tag = t.trim().toLowerCase();
            if (!tag.isEmpty()) counts.merge(tag, 1, Integer::sum);
        }
    }

    int count(String tag) { return counts.getOrDefault(tag.trim().toLowerCase(), 0); }

    // the k most used tags, ties alphabetical
    List<String> top(int k) {
        List<String> tags = new ArrayList<>(counts.keySet());
        tags.sort((a, b) -> counts.get(b).equals(counts.get(a)) ? a.compareTo(b) : counts.get(b) - counts.get(a));
        return tags.subList(0, Math.min(k, tags.size()));
    }

    // font size 1..5 scaled between the least and most used tag
    int size(String tag) {
        int c = count(tag);
        if (c == 0) return 0;
        int min = Collections.min(counts.values()), max = Collections.max(counts.values());
        if (max == min) return 3;
        return 1 + (c - min) * 4 / (max - min);
    }
}
// ---- tests ----
public class Main {
    static void check(boolean ok, String what) { if (!ok) throw new AssertionError(what); }
    public static void main(String[] args) {
        TagCloud t = new TagCloud();
        t.addAll(java.util.List.of("Java", " go", "java", "", "rust", "GO", "java", "  "));
        check(t.count("JAVA") == 3 && t.count("go") == 2 && t.count("c") == 0, "counts");
        check(t.top(2).equals(java.util.List.of("java", "go")) && t.top(10).size() == 3, "top");
        check(t.size("java") == 5 && t.size("rust") == 1 && t.size("go") == 3 && t.size("c") == 0, "sizes");
        TagCloud same = new TagCloud();
        same.addAll(java.util.List.of("b", "a"));
        check(same.size("a") == 3 && same.top(1).equals(java.util.List.of("a")), "ties");
    }
}
