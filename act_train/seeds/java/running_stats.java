import java.util.*;

class RunningStats {
    // running maximum: [3, 1, 4, 1, 5] -> [3, 3, 4, 4, 5]
    static List<Integer> runningMax(List<Integer> xs) {
        List<Integer> out = new ArrayList<>();
        int best = Integer.MIN_VALUE;
        for (int x : xs) {
            best = Math.max(best, x);
            out.add(best);
        }
        return out;
    }

    // index of the first element that is larger than every element before it by at least `margin`, else -1
    static int firstBreakout(List<Integer> xs, int margin) {
        for (int i = 1; i < xs.size(); i++) {
            int prevMax = Integer.MIN_VALUE;
            for (int j = 0; j < i; j++) prevMax = Math.max(prevMax, xs.get(j));
            if (xs.get(i) - prevMax >= margin) return i;
        }
        return -1;
    }

    static long sumOfSquares(List<Integer> xs) {
        long s = 0;
        for (int x : xs) s += (long) x * x;
        return s;
    }
}
// ---- tests ----
public class Main {
    static void check(boolean ok, String what) { if (!ok) throw new AssertionError(what); }
    public static void main(String[] args) {
        check(RunningStats.runningMax(java.util.List.of(3, 1, 4, 1, 5)).equals(java.util.List.of(3, 3, 4, 4, 5)), "max");
        check(RunningStats.runningMax(java.util.List.of()).isEmpty(), "empty");
        check(RunningStats.runningMax(java.util.List.of(-5, -7)).equals(java.util.List.of(-5, -5)), "negatives");
        check(RunningStats.firstBreakout(java.util.List.of(5, 6, 9, 20), 3) == 2, "breakout");
        check(RunningStats.firstBreakout(java.util.List.of(5, 6, 7), 2) == -1, "none");
        check(RunningStats.firstBreakout(java.util.List.of(1, 3), 2) == 1, "exact margin");
        check(RunningStats.sumOfSquares(java.util.List.of(3, -4, 100000)) == 10000000025L, "squares");
    }
}
