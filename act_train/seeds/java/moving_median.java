import java.util.*;

class Medians {
    // median of each prefix: [5, 15, 1, 3] -> [5.0, 10.0, 5.0, 4.0]
    static List<Double> prefixMedians(List<Integer> xs) {
        List<Double> out = new ArrayList<>();
        List<Integer> sorted = new ArrayList<>();
        for (int x : xs) {
            int pos = 0;
            while (pos < sorted.size() && sorted.get(pos) < x) pos++;
            sorted.add(pos, x);
            int n = sorted.size();
            out.add(n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0);
        }
        return out;
    }

    static double median(List<Integer> xs) {
        if (xs.isEmpty()) throw new IllegalArgumentException("median of nothing");
        List<Double> m = prefixMedians(xs);
        return m.get(m.size() - 1);
    }
}
// ---- tests ----
public class Main {
    static void check(boolean ok, String what) { if (!ok) throw new AssertionError(what); }
    public static void main(String[] args) {
        check(Medians.prefixMedians(java.util.List.of(5, 15, 1, 3)).equals(java.util.List.of(5.0, 10.0, 5.0, 4.0)),
              "prefixes");
        check(Medians.median(java.util.List.of(7)) == 7.0 && Medians.median(java.util.List.of(4, 1, 2, 3)) == 2.5,
              "median");
        check(Medians.median(java.util.List.of(-3, -1)) == -2.0, "negatives");
        check(Medians.prefixMedians(java.util.List.of()).isEmpty(), "empty");
        boolean threw = false;
        try { Medians.median(java.util.List.of()); } catch (IllegalArgumentException e) { threw = true; }
        check(threw, "error");
    }
}
