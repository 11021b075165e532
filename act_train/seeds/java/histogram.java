import java.util.*;

class Histogram {
    // counts of values in [0, max) split into `buckets` equal ranges; values outside are ignored
    static List<Integer> counts(List<Integer> values, int buckets, int max) {
        if (buckets <= 0 || max <= 0) throw new IllegalArgumentException("buckets and max must be positive");
        List<Integer> out = new ArrayList<>(Collections.nCopies(buckets, 0));
        for (int v : values) {
            if (v < 0 || v >= max) continue;
            int b = (int) ((long) v * buckets / max);
            out.set(b, out.get(b) + 1);
        }
        return out;
    }

    static String bars(List<Integer> counts) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < counts.size(); i++) {
            sb.append(i).append(": ").append("#".repeat(counts.get(i)));
            if (i + 1 < counts.size()) sb.append('\n');
        }
        return sb.toString();
    }
}
// ---- tests ----
public class Main {
    static void check(boolean ok, String what) { if (!ok) throw new AssertionError(what); }
    public static void main(String[] args) {
        java.util.List<Integer> c = Histogram.counts(java.util.List.of(0, 1, 5, 9, 10, -1, 4, 5), 2, 10);
        check(c.equals(java.util.List.of(3, 3)), "two buckets: " + c);
        check(Histogram.counts(java.util.List.of(0, 3, 6, 9), 3, 9).equals(java.util.List.of(1, 1, 1)), "three");
        check(Histogram.counts(java.util.List.of(), 2, 5).equals(java.util.List.of(0, 0)), "empty");
        check(Histogram.bars(java.util.List.of(2, 0, 1)).equals("0: ##\n1: \n2: #"), "bars");
        boolean threw = false;
        try { Histogram.counts(java.util.List.of(1), 0, 5); } catch (IllegalArgumentException e) { threw = true; }
        check(threw, "bad buckets");
    }
}
